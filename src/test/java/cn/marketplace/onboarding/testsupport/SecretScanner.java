package cn.marketplace.onboarding.testsupport;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Looks for secrets where they must never be: every text and binary column of every table of the
 * database (the engine's and ours), any text (log output), and mails. A secret is searched as
 * given and Base64-encoded. Add the markers of a test (a SAS signature, a VM password, a private
 * key, an initial password) and assert that {@link #findings()} is empty.
 */
public final class SecretScanner {

  private static final Set<Integer> TEXT_TYPES = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB,
      Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.NCLOB, Types.OTHER);
  private static final Set<Integer> BINARY_TYPES = Set.of(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY,
      Types.BLOB);

  private final Map<String, List<String>> forms = new LinkedHashMap<>();
  private final List<String> findings = new ArrayList<>();
  private int columnsScanned;

  /** {@code name} tells a finding's reader which secret it was, without printing the secret. */
  public SecretScanner secret(String name, String value) {
    if (value == null || value.length() < 8) {
      throw new IllegalArgumentException("a marker must be long enough to be unmistakable: " + name);
    }
    forms.put(name, List.of(value, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    return this;
  }

  /** Every column of a text or binary type in every table of the connection's schema. */
  public SecretScanner scanDatabase(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      List<String[]> columns = new ArrayList<>();
      try (ResultSet rs = meta.getColumns(connection.getCatalog(), connection.getSchema(), "%", "%")) {
        while (rs.next()) {
          int type = rs.getInt("DATA_TYPE");
          if (TEXT_TYPES.contains(type) || BINARY_TYPES.contains(type)) {
            columns.add(new String[] {rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME"),
                BINARY_TYPES.contains(type) ? "binary" : "text"});
          }
        }
      }
      String quote = meta.getIdentifierQuoteString();
      for (String[] column : columns) {
        String sql = "select " + quote + column[1] + quote + " from " + quote + column[0] + quote;
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
          while (rows.next()) {
            String value = column[2].equals("binary") ? bytesAsText(rows.getBytes(1)) : rows.getString(1);
            check("table " + column[0] + "." + column[1], value);
          }
        }
        columnsScanned++;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot scan the database", e);
    }
    return this;
  }

  public SecretScanner scanText(String where, String text) {
    check(where, text);
    return this;
  }

  /** Each mail whole, headers and body as they went over the wire. */
  public SecretScanner scanMails(Collection<MimeMessage> mails) {
    for (MimeMessage mail : mails) {
      try {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        mail.writeTo(raw);
        check("mail '" + mail.getSubject() + "'", raw.toString(StandardCharsets.UTF_8) + "\n" + Mails.body(mail));
      } catch (Exception e) {
        throw new IllegalStateException("cannot read a mail", e);
      }
    }
    return this;
  }

  /** "secret name in where" for every place a secret was found; empty when none was. */
  public List<String> findings() {
    return List.copyOf(findings);
  }

  /** How many columns were read: a scan that read nothing proves nothing. */
  public int columnsScanned() {
    return columnsScanned;
  }

  private void check(String where, String text) {
    if (text == null) {
      return;
    }
    forms.forEach((name, values) -> {
      if (values.stream().anyMatch(text::contains)) {
        findings.add(name + " in " + where);
      }
    });
  }

  private static String bytesAsText(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8) + new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
