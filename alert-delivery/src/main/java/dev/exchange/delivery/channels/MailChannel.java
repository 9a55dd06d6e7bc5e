package dev.exchange.delivery.channels;

import dev.exchange.delivery.system.DeliveryProperties;
import dev.exchange.model.FixedPoint;
import dev.exchange.model.avro.AlertFired;
import dev.exchange.service.alerts.WebhookSigning;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * Mails a firing to its {@code email} over SMTP (Angus Mail): a plain-text message naming the
 * symbol, the crossing and the price, with the firing's JSON below, and the webhook's firing id
 * header. Refused or malformed recipients are final; any other SMTP or connection error is retried.
 * Without an SMTP host every e-mail fails at once.
 */
@Component
public class MailChannel {

  private final DeliveryProperties.Smtp smtp;
  private final Session session;

  MailChannel(DeliveryProperties properties) {
    this.smtp = properties.smtp();
    String timeout = Long.toString(properties.requestTimeout().toMillis());
    Properties p = new Properties();
    p.put("mail.smtp.host", smtp.host() == null ? "" : smtp.host());
    p.put("mail.smtp.port", Integer.toString(smtp.port()));
    p.put("mail.smtp.connectiontimeout", timeout);
    p.put("mail.smtp.timeout", timeout);
    p.put("mail.smtp.writetimeout", timeout);
    p.put("mail.smtp.auth", Boolean.toString(hasLogin()));
    p.put("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
    p.put("mail.smtp.starttls.required", Boolean.toString(smtp.startTls()));
    this.session = Session.getInstance(p);
  }

  /** One try; blocks up to the timeouts. */
  public Result send(AlertFired f, String body) {
    if (!smtp.configured()) {
      return Result.fail(null, "no SMTP server configured (exchange.alert-delivery.smtp.host)");
    }
    try {
      MimeMessage m = new MimeMessage(session);
      m.setFrom(new InternetAddress(smtp.from()));
      m.setRecipient(Message.RecipientType.TO, new InternetAddress(f.getEmail(), true));
      m.setSubject(subject(f), StandardCharsets.UTF_8.name());
      m.setText(text(f, body), StandardCharsets.UTF_8.name());
      m.setHeader(WebhookSigning.FIRING_HEADER, FiredPayload.firingId(f));
      m.setSentDate(new Date(f.getTime()));
      if (hasLogin()) {
        Transport.send(m, smtp.username(), smtp.password());
      } else {
        Transport.send(m);
      }
      return Result.sent(null);
    } catch (AddressException e) {
      return Result.fail(null, "address malformed: " + e.getMessage());
    } catch (SendFailedException e) {
      return Result.fail(null, "recipient refused: " + e.getMessage());
    } catch (MessagingException e) {
      return Result.retry(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** {@code BTCUSDT alert my-alert: PRICE_ABOVE at 66000.12}. */
  static String subject(AlertFired f) {
    String name = f.getClientAlertId() != null ? f.getClientAlertId() : f.getAlertId();
    return f.getSymbol()
        + " alert "
        + name
        + ": "
        + f.getKind()
        + " at "
        + FixedPoint.format(f.getPrice(), f.getPriceScale());
  }

  private static String text(AlertFired f, String body) {
    return subject(f)
        + "\n\nFiring "
        + f.getFiring()
        + " of alert "
        + f.getAlertId()
        + ".\n\n"
        + body
        + "\n";
  }

  private boolean hasLogin() {
    return smtp.username() != null && !smtp.username().isBlank();
  }
}
