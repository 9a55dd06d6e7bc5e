package dev.exchange.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Terraform conventions (terraform/README.md, "Layout"): every module has the standard files and a
 * README, every variable is typed and described, every output is described, and both environment
 * roots exist.
 *
 * <p>HCL is read with a small scanner rather than a full parser. It understands what can hide a
 * brace or a block keyword (nested blocks and brackets, strings with {@code ${...}} templates,
 * heredocs, comments), which is all these rules need; {@code terraform fmt -check} covers syntax.
 */
class TerraformConventionsTest {

  private static final List<String> MODULE_FILES =
      List.of("main.tf", "variables.tf", "outputs.tf", "versions.tf", "README.md");

  static final Path REPO_ROOT = findRepoRoot();
  private static final Path TERRAFORM = REPO_ROOT.resolve("terraform");

  @Test
  void everyModuleHasTheStandardFilesAndAReadme() throws IOException {
    List<Path> modules = moduleDirectories();
    assertThat(modules).as("modules under terraform/modules").isNotEmpty();

    List<String> missing = new ArrayList<>();
    for (Path module : modules) {
      for (String file : MODULE_FILES) {
        if (!Files.isRegularFile(module.resolve(file))) {
          missing.add(relative(module.resolve(file)));
        }
      }
    }
    assertThat(missing).as("files every module must have").isEmpty();
  }

  @Test
  void bothEnvironmentRootsExist() {
    for (String environment : List.of("dev", "prod")) {
      Path root = TERRAFORM.resolve("envs").resolve(environment);
      assertThat(root.resolve("main.tf"))
          .as("root module of the %s environment", environment)
          .isRegularFile();
    }
  }

  @Test
  void everyVariableIsTypedAndDescribedAndEveryOutputIsDescribed() throws IOException {
    List<Path> files = terraformFiles();
    assertThat(files).as(".tf files under terraform/").isNotEmpty();

    List<String> violations = new ArrayList<>();
    for (Path file : files) {
      violations.addAll(violations(relative(file), Files.readString(file)));
    }
    assertThat(violations).as("variables and outputs breaking the conventions").isEmpty();
  }

  @Test
  void checkerReportsAVariableWithoutDescription() {
    String source =
        """
        variable "documented" {
          description = "Has everything."
          type        = string
        }

        variable "undocumented" {
          type    = number
          default = 3
        }
        """;

    assertThat(violations("snippet.tf", source))
        .containsExactly("snippet.tf:6: variable \"undocumented\" has no description");
  }

  @Test
  void checkerReportsMissingTypesBlankDescriptionsAndUndescribedOutputs() {
    String source =
        """
        variable "untyped" {
          description = "No type."
        }

        variable "blank" {
          type        = string
          description = "  "
        }

        output "silent" {
          value = 1
        }
        """;

    assertThat(violations("snippet.tf", source))
        .containsExactly(
            "snippet.tf:1: variable \"untyped\" has no type",
            "snippet.tf:5: variable \"blank\" has an empty description",
            "snippet.tf:10: output \"silent\" has no description");
  }

  @Test
  void checkerIsNotFooledByBracesInStringsHeredocsCommentsAndNestedBlocks() {
    String source =
        """
        # variable "commented_out" {
        /* output "also_commented_out" { */
        variable "tricky" {
          description = "A } brace and a ${jsonencode({ a = "}" })} template"
          type = map(object({
            name = string # a } in a comment
          }))
          default = {
            "a" = { name = "{" }
          }

          validation {
            condition     = length(var.tricky) > 0
            error_message = <<-EOT
              Not a block: variable "inside_heredoc" {
              EOT
          }
        }

        output "after" {
          description = <<-EOT
            Described in a heredoc.
          EOT
          value = { for key, value in var.tricky : key => value.name }
        }
        """;

    assertThat(Hcl.parse(source).blocks())
        .extracting(block -> block.type() + " " + block.labels())
        .containsExactly("variable [tricky]", "output [after]");
    assertThat(violations("tricky.tf", source)).isEmpty();
  }

  /** Convention violations of one file, each as {@code <file>:<line>: <block> <problem>}. */
  static List<String> violations(String file, String source) {
    List<String> violations = new ArrayList<>();
    for (Hcl.Block block : Hcl.parse(source).blocks()) {
      if (!block.type().equals("variable") && !block.type().equals("output")) {
        continue;
      }
      String subject =
          "%s:%d: %s \"%s\""
              .formatted(file, block.line(), block.type(), String.join(" ", block.labels()));
      Map<String, Hcl.Attribute> attributes = block.body().attributes();

      if (block.type().equals("variable") && isBlank(attributes.get("type"))) {
        violations.add(subject + " has no type");
      }
      Hcl.Attribute description = attributes.get("description");
      if (isBlank(description)) {
        violations.add(subject + " has no description");
      } else if (isBlankStringLiteral(description.expression())) {
        violations.add(subject + " has an empty description");
      }
    }
    return violations;
  }

  private static boolean isBlank(Hcl.Attribute attribute) {
    return attribute == null || attribute.expression().isBlank();
  }

  /** True for {@code ""}, {@code " "} and empty heredocs; other expressions count as non-empty. */
  private static boolean isBlankStringLiteral(String expression) {
    if (expression.startsWith("\"")) {
      return expression.length() < 2 || expression.substring(1, expression.length() - 1).isBlank();
    }
    if (expression.startsWith("<<")) {
      List<String> lines = expression.lines().toList();
      return lines.subList(1, Math.max(1, lines.size() - 1)).stream().allMatch(String::isBlank);
    }
    return false;
  }

  private static Path findRepoRoot() {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        dir != null;
        dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("terraform").resolve("modules"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "No directory containing terraform/modules above " + System.getProperty("user.dir"));
  }

  private static List<Path> moduleDirectories() throws IOException {
    try (Stream<Path> children = Files.list(TERRAFORM.resolve("modules"))) {
      return children.filter(Files::isDirectory).sorted().toList();
    }
  }

  private static List<Path> terraformFiles() throws IOException {
    try (Stream<Path> paths = Files.walk(TERRAFORM)) {
      return paths
          .filter(path -> path.getFileName().toString().endsWith(".tf"))
          .filter(path -> !relative(path).contains("/.terraform/"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    }
  }

  private static String relative(Path path) {
    return REPO_ROOT.relativize(path).toString().replace('\\', '/');
  }

  /** Just enough of HCL's native syntax to find blocks and their attributes. */
  static final class Hcl {

    record Attribute(String expression, int line) {}

    record Block(String type, List<String> labels, int line, Body body) {}

    record Body(Map<String, Attribute> attributes, List<Block> blocks) {}

    private final String source;
    private int pos;

    private Hcl(String source) {
      this.source = source;
    }

    static Body parse(String source) {
      return new Hcl(source).body(false);
    }

    /** Attributes and blocks up to the closing brace of a nested body, or the end of the file. */
    private Body body(boolean nested) {
      Map<String, Attribute> attributes = new LinkedHashMap<>();
      List<Block> blocks = new ArrayList<>();
      while (true) {
        skipWhitespaceAndComments();
        if (atEnd()) {
          return new Body(attributes, blocks);
        }
        char c = peek(0);
        if (c == '}') {
          pos++;
          if (nested) {
            return new Body(attributes, blocks);
          }
          continue;
        }
        if (!isIdentifierStart(c)) {
          skipLine(); // not something these rules need to understand
          continue;
        }
        int line = lineAt(pos);
        String name = identifier();
        skipSpaces();
        if (peek(0) == '=' && peek(1) != '=') {
          pos++;
          skipSpaces();
          attributes.put(name, new Attribute(expression(), line));
          continue;
        }
        List<String> labels = new ArrayList<>();
        while (true) {
          skipSpaces();
          if (peek(0) == '"') {
            int start = pos;
            skipString();
            labels.add(source.substring(start + 1, pos - 1));
          } else if (isIdentifierStart(peek(0))) {
            labels.add(identifier());
          } else {
            break;
          }
        }
        if (peek(0) == '{') {
          pos++;
          blocks.add(new Block(name, labels, line, body(true)));
        } else {
          skipLine();
        }
      }
    }

    /** An attribute's expression: to the end of the line, or further inside brackets. */
    private String expression() {
      int start = pos;
      while (!atEnd()) {
        char c = peek(0);
        if (c == '\n' || c == '#' || c == '}' || startsWith("//")) {
          break;
        } else if (c == '"') {
          skipString();
        } else if (isHeredocStart()) {
          skipHeredoc();
          break;
        } else if (startsWith("/*")) {
          skipBlockComment();
        } else if (c == '{' || c == '(' || c == '[') {
          skipBrackets();
        } else {
          pos++;
        }
      }
      return source.substring(start, pos).strip();
    }

    /** From an opening bracket to just past its matching closing bracket. */
    private void skipBrackets() {
      int depth = 0;
      while (!atEnd()) {
        char c = peek(0);
        if (c == '"') {
          skipString();
          continue;
        }
        if (isHeredocStart()) {
          skipHeredoc();
          continue;
        }
        if (c == '#' || startsWith("//")) {
          skipLine();
          continue;
        }
        if (startsWith("/*")) {
          skipBlockComment();
          continue;
        }
        pos++;
        if (c == '{' || c == '(' || c == '[') {
          depth++;
        } else if ((c == '}' || c == ')' || c == ']') && --depth == 0) {
          return;
        }
      }
    }

    /** From the opening quote to just past the closing one, skipping template sequences. */
    private void skipString() {
      pos++;
      while (!atEnd()) {
        char c = peek(0);
        if (c == '\\') {
          pos += 2;
        } else if (c == '"') {
          pos++;
          return;
        } else if ((c == '$' || c == '%') && peek(1) == c && peek(2) == '{') {
          pos += 3; // $${ and %%{ are literal text
        } else if ((c == '$' || c == '%') && peek(1) == '{') {
          pos++;
          skipBrackets();
        } else if (c == '\n') {
          return; // unterminated: do not let it swallow the rest of the file
        } else {
          pos++;
        }
      }
    }

    private boolean isHeredocStart() {
      int marker = startsWith("<<-") ? 3 : 2;
      return startsWith("<<") && isIdentifierStart(peek(marker));
    }

    /** From {@code <<EOT} or {@code <<-EOT} to just past the line holding the closing marker. */
    private void skipHeredoc() {
      pos += startsWith("<<-") ? 3 : 2;
      String marker = identifier();
      skipLine();
      while (!atEnd()) {
        int end = source.indexOf('\n', pos);
        int lineEnd = end < 0 ? source.length() : end;
        boolean closing = source.substring(pos, lineEnd).strip().equals(marker);
        pos = end < 0 ? source.length() : end + 1;
        if (closing) {
          return;
        }
      }
    }

    private void skipWhitespaceAndComments() {
      while (!atEnd()) {
        char c = peek(0);
        if (Character.isWhitespace(c)) {
          pos++;
        } else if (c == '#' || startsWith("//")) {
          skipLine();
        } else if (startsWith("/*")) {
          skipBlockComment();
        } else {
          return;
        }
      }
    }

    private void skipSpaces() {
      while (peek(0) == ' ' || peek(0) == '\t') {
        pos++;
      }
    }

    private void skipLine() {
      int end = source.indexOf('\n', pos);
      pos = end < 0 ? source.length() : end + 1;
    }

    private void skipBlockComment() {
      int end = source.indexOf("*/", pos + 2);
      pos = end < 0 ? source.length() : end + 2;
    }

    private String identifier() {
      int start = pos;
      while (!atEnd() && isIdentifierPart(peek(0))) {
        pos++;
      }
      return source.substring(start, pos);
    }

    private static boolean isIdentifierStart(char c) {
      return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
      return isIdentifierStart(c) || Character.isDigit(c) || c == '-';
    }

    private int lineAt(int offset) {
      int line = 1;
      for (int i = 0; i < offset; i++) {
        if (source.charAt(i) == '\n') {
          line++;
        }
      }
      return line;
    }

    private boolean startsWith(String prefix) {
      return source.startsWith(prefix, pos);
    }

    private char peek(int ahead) {
      int index = pos + ahead;
      return index < source.length() ? source.charAt(index) : '\0';
    }

    private boolean atEnd() {
      return pos >= source.length();
    }
  }
}
