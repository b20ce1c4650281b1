package nc.esim.infra.process;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process of the local platform (broker, PostgreSQL, a service) that cannot outlive its parent:
 * its standard input is a pipe we never write to, and it exits when that pipe closes (see
 * {@link ExitWithParent}); a JVM shutdown hook also stops it on a normal exit or Ctrl-C.
 */
public final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;
    // Held, never written: closing it (or our death) tells the child to exit.
    private final OutputStream lifeline;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.lifeline = process.getOutputStream();
        this.shutdownHook = new Thread(this::stopQuietly, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code mainClass} in a new JVM with the given classpath, wrapped in {@link ExitWithParent}. */
    public static ChildProcess java(String name, List<String> classpath, List<String> jvmOptions, String mainClass,
                                    List<String> args, Map<String, String> environment, Path log) {
        return java(name, classpath, jvmOptions, mainClass, args, environment, log, null);
    }

    /** As above, run in {@code workingDirectory} (null: ours). */
    public static ChildProcess java(String name, List<String> classpath, List<String> jvmOptions, String mainClass,
                                    List<String> args, Map<String, String> environment, Path log,
                                    Path workingDirectory) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        List<String> fullClasspath = new ArrayList<>();
        fullClasspath.add(ownLocation());
        fullClasspath.addAll(classpath);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, fullClasspath));
        command.add(ExitWithParent.class.getName());
        command.add(mainClass);
        command.addAll(args);
        return start(name, command, environment, log, workingDirectory);
    }

    /**
     * Starts a native program that has no such watchdog of its own (PostgreSQL): a shell runs it and
     * terminates it with {@code stopSignal} (e.g. INT, PostgreSQL's fast shutdown) when its standard
     * input reaches end-of-file or the shell is asked to stop.
     */
    public static ChildProcess nativeProgram(String name, List<String> command, String stopSignal, Path log) {
        String quoted = String.join(" ", command.stream().map(ChildProcess::shellQuote).toList());
        String stop = "kill -" + stopSignal + " $child; wait $child";
        String script = quoted + " & child=$!; trap '" + stop + "; exit 0' TERM INT; cat >/dev/null; " + stop;
        return start(name, List.of("bash", "-c", script), Map.of(), log, null);
    }

    private static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path log,
                                      Path workingDirectory) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        try {
            return new ChildProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself and returns its exit code; kills it after {@code timeout}. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s");
            }
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    public Path log() {
        return log;
    }

    public String name() {
        return name;
    }

    /** Asks the process to stop (SIGTERM, so its shutdown hooks run), then kills it if it does not. */
    public void stop(Duration grace) {
        try {
            lifeline.close();
        } catch (IOException ignored) {
            // already closed
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends a signal to the process ({@code STOP} freezes it as a hung machine would, {@code CONT} lets it
     * go on); returns once {@code kill} has delivered it.
     */
    public void signal(String signal) {
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + signal + " " + name + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + name, e);
        }
    }

    /** Kills the process at once, as a crash would: no shutdown hook, no clean close. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; nothing to remove
        }
    }

    private void stopQuietly() {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(15));
        }
    }

    private static String ownLocation() {
        try {
            return Path.of(ExitWithParent.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
