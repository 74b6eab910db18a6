import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reference request signer for Pishkhan Ledger gateways and PSPs (Java 17, JDK only).
 *
 * <p>Every signed request carries {@code X-Pishkhan-Timestamp} (unix seconds) and
 * {@code X-Pishkhan-Signature}: hex HMAC-SHA256 under the signing secret of
 * {@code timestamp \n METHOD \n path-with-query \n raw body}.
 *
 * <pre>
 * export PISHKHAN_TOKEN=pk_... PISHKHAN_SECRET=...
 * javac -d out Sign.java
 * java -cp out Sign send POST http://127.0.0.1:3000/v1/payments '{"rrn": ...}'
 * java -cp out Sign headers POST /v1/payments '{"rrn": ...}'
 * </pre>
 *
 * {@code send} prints the HTTP status on the first line and the answer's body after it.
 */
public final class Sign {
  private Sign() {}

  public static String signature(
      String secret, String timestamp, String method, String pathWithQuery, byte[] body)
      throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String head = timestamp + "\n" + method.toUpperCase() + "\n" + pathWithQuery + "\n";
    mac.update(head.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  /** One signed request; a retry calls this again, so it is signed anew (a signature is used once). */
  public static HttpResponse<String> send(
      String token, String secret, String method, String url, byte[] body) throws Exception {
    URI uri = URI.create(url);
    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    String timestamp = Long.toString(System.currentTimeMillis() / 1000);
    byte[] bytes = body == null ? new byte[0] : body;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + token)
            .header("X-Pishkhan-Timestamp", timestamp)
            .header("X-Pishkhan-Signature", signature(secret, timestamp, method, path, bytes));
    if (body == null) {
      request.method(method.toUpperCase(), HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method.toUpperCase(), HttpRequest.BodyPublishers.ofByteArray(bytes));
    }
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3 || !(args[0].equals("send") || args[0].equals("headers"))) {
      System.err.println("usage: Sign send METHOD URL [BODY] | Sign headers METHOD PATH [BODY]");
      System.exit(2);
    }
    String token = System.getenv("PISHKHAN_TOKEN");
    String secret = System.getenv("PISHKHAN_SECRET");
    if (token == null || token.isEmpty() || secret == null || secret.isEmpty()) {
      System.err.println("set PISHKHAN_TOKEN and PISHKHAN_SECRET");
      System.exit(2);
    }
    byte[] body = args.length > 3 ? args[3].getBytes(StandardCharsets.UTF_8) : null;
    if (args[0].equals("headers")) {
      String timestamp = Long.toString(System.currentTimeMillis() / 1000);
      System.out.println("X-Pishkhan-Timestamp: " + timestamp);
      System.out.println(
          "X-Pishkhan-Signature: "
              + signature(secret, timestamp, args[1], args[2], body == null ? new byte[0] : body));
      return;
    }
    HttpResponse<String> answer = send(token, secret, args[1], args[2], body);
    System.out.println(answer.statusCode());
    System.out.println(answer.body());
    System.exit(answer.statusCode() >= 200 && answer.statusCode() < 300 ? 0 : 1);
  }
}
