package dev.exchange.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.model.RejectReason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

class ProblemsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void edgeFormListsEveryErrorWithAllMembersAndTakesCodeAndFieldFromTheFirst() {
    ProblemDetail problem =
        Problems.detail(
            HttpStatus.BAD_REQUEST,
            List.of(
                new FieldProblem("price", "PRICE_INVALID", "bad price"),
                new FieldProblem(null, "MALFORMED_JSON", "whole request")));
    assertThat(problem.getStatus()).isEqualTo(400);
    assertThat(problem.getDetail()).isEqualTo("bad price");
    assertThat(JSON.writeValueAsString(problem.getProperties()))
        .isEqualTo(
            "{\"code\":\"PRICE_INVALID\",\"field\":\"price\",\"errors\":["
                + "{\"field\":\"price\",\"code\":\"PRICE_INVALID\",\"message\":\"bad price\"},"
                + "{\"field\":null,\"code\":\"MALFORMED_JSON\",\"message\":\"whole request\"}]}");
  }

  @Test
  void historyFormHasOneErrorWithoutAFieldMemberWhenThereIsNone() {
    ProblemDetail problem = Problems.detail(HttpStatus.FORBIDDEN, "FORBIDDEN", null, "not for you");
    assertThat(problem.getStatus()).isEqualTo(403);
    assertThat(JSON.writeValueAsString(problem.getProperties()))
        .isEqualTo(
            "{\"code\":\"FORBIDDEN\",\"errors\":[{\"code\":\"FORBIDDEN\",\"message\":\"not for"
                + " you\"}]}");
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
    assertThat(Problems.headers(null).containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
    assertThat(Problems.headers(Duration.ofMillis(1)).getFirst(HttpHeaders.RETRY_AFTER))
        .isEqualTo("1");
    assertThat(Problems.headers(Duration.ofMillis(2001)).getFirst(HttpHeaders.RETRY_AFTER))
        .isEqualTo("3");
  }

  @Test
  void anApiExceptionNamesItsFirstProblem() {
    ApiException e = ApiException.rejected(RejectReason.values()[0]);
    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(e.code()).isEqualTo(RejectReason.values()[0].name());
    assertThat(e.getMessage()).isEqualTo(RejectReason.values()[0].description());
    assertThat(e.retryAfter()).isNull();
  }
}
