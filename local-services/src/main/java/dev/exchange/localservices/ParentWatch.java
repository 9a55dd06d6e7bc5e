package dev.exchange.localservices;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every child service JVM: runs the real main class given as the first argument and
 * exits when the parent's end of standard input closes. A parent that dies, even by SIGKILL, closes
 * that pipe, so no broker or S3 server outlives the test run or stack that started it.
 *
 * <p>Depends on the JDK only: it runs on the child's classpath, beside the service's own jars.
 */
public final class ParentWatch {

  private ParentWatch() {}

  public static void main(String[] args) throws Exception {
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // Input is not used; only end-of-stream matters.
                }
              } catch (IOException e) {
                // A broken pipe means the parent is gone, exactly like end-of-stream.
              }
              System.exit(0);
            },
            "parent-watch");
    watcher.setDaemon(true);
    watcher.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }
}
