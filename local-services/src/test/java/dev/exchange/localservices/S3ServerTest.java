package dev.exchange.localservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

@ExtendWith(LocalServicesExtension.class)
class S3ServerTest {

  @Test
  void putsAndReadsBackAnObjectPathStyle(S3Server s3) {
    try (S3Client client = client(s3, s3.secretKey())) {
      client.createBucket(b -> b.bucket("smoke"));
      client.putObject(
          b -> b.bucket("smoke").key("trades/day=2026-11-21/part-0.txt"),
          RequestBody.fromString("BTCUSDT,1,65000.12"));
      String read =
          client
              .getObjectAsBytes(b -> b.bucket("smoke").key("trades/day=2026-11-21/part-0.txt"))
              .asString(StandardCharsets.UTF_8);
      assertThat(read).isEqualTo("BTCUSDT,1,65000.12");
      assertThat(client.listObjectsV2(b -> b.bucket("smoke")).contents())
          .extracting(o -> o.key())
          .containsExactly("trades/day=2026-11-21/part-0.txt");
    }
  }

  @Test
  void wrongCredentialsAreRefused(S3Server s3) {
    try (S3Client client = client(s3, "not-the-secret")) {
      assertThatThrownBy(() -> client.listBuckets())
          .isInstanceOf(S3Exception.class)
          .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
    }
  }

  private static S3Client client(S3Server s3, String secret) {
    return S3Client.builder()
        .endpointOverride(URI.create(s3.endpoint()))
        .region(Region.of(s3.region()))
        .forcePathStyle(true)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), secret)))
        .build();
  }
}
