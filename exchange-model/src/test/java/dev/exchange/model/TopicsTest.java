package dev.exchange.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The AWS deployment creates every topic the code uses, compacted where the code compacts it. */
class TopicsTest {

  private static final Path MSK_VARIABLES = Path.of("../terraform/modules/msk/variables.tf");

  @Test
  void terraformCreatesEveryTopicWithItsCleanupPolicy() throws IOException {
    String variables = Files.readString(MSK_VARIABLES);
    for (Topics.TopicSpec topic : Topics.ALL) {
      Matcher entry =
          Pattern.compile("\"" + Pattern.quote(topic.name()) + "\"\\s*=\\s*\\{([^}]*)}")
              .matcher(variables);
      assertThat(entry.find()).as("%s in %s", topic.name(), MSK_VARIABLES).isTrue();
      assertThat(entry.group(1).contains("compacted = true"))
          .as("%s compacted in terraform as in Topics", topic.name())
          .isEqualTo(topic.compacted());
    }
  }
}
