package nc.esim.infra.process;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs another main class and exits when the process that started it goes away, however it went
 * (Ctrl-C, a crash, {@code kill -9}): the parent holds our standard input open, the kernel closes it
 * when the parent dies, and end-of-file makes us exit. {@link System#exit} still runs the child's own
 * shutdown hooks, so the broker or service stops cleanly and frees its ports.
 *
 * <p>Usage: {@code java -cp <this class>:<app classpath> nc.esim.infra.process.ExitWithParent
 * <main class> <args...>}, or {@code ... ExitWithParent @<file>} with the main class and its arguments
 * one per line in that file, for arguments that must not show in {@code ps} (a password); the file is
 * deleted once read. Deliberately depends on nothing but the JDK.
 */
public final class ExitWithParent {
    private ExitWithParent() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ExitWithParent <main class> [args...] | @<file>");
        }
        if (args.length == 1 && args[0].startsWith("@")) {
            Path file = Path.of(args[0].substring(1));
            args = Files.readAllLines(file).toArray(String[]::new);
            Files.delete(file);
        }
        Thread watchdog = new Thread(() -> {
            InputStream in = System.in;
            byte[] buffer = new byte[64];
            try {
                while (in.read(buffer) >= 0) {
                    // the parent never writes; anything read is ignored
                }
            } catch (IOException closed) {
                // same as end-of-file
            }
            System.exit(0);
        }, "exit-with-parent");
        watchdog.setDaemon(true);
        watchdog.start();

        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
