package com.astradesk.server.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm packages of {@code src/test/node} (the MCP TypeScript SDK, {@code server-everything}), installed with
 * {@code npm ci} from the committed lockfile into {@code target/mcp-node} once per lockfile. Without Node, npm or
 * the registry the install fails loudly: these tests are never skipped.
 */
final class NodeInterop {
    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path HOME = Path.of("target", "mcp-node").toAbsolutePath();
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "mcp-client.mjs");
    private static boolean installed;

    private NodeInterop() {}

    /** The directory holding {@code node_modules}, installing it first when the lockfile changed. */
    static synchronized Path home() {
        if (installed) {
            return HOME;
        }
        try {
            Files.createDirectories(HOME);
            for (String file : FILES) {
                Files.copy(SOURCE.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            String lockHash = sha256(Files.readAllBytes(HOME.resolve("package-lock.json")));
            Path marker = HOME.resolve("node_modules").resolve(".astradesk-lock-sha256");
            if (!Files.exists(marker) || !Files.readString(marker).equals(lockHash)) {
                Result npm = run(HOME, Duration.ofMinutes(5), "npm", "ci", "--no-audit", "--no-fund");
                if (npm.exitCode() != 0) {
                    throw new IllegalStateException("npm ci in " + HOME + " failed (exit " + npm.exitCode()
                            + "); the MCP interop tests need Node 20+, npm and the npm registry:\n" + npm.output());
                }
                Files.writeString(marker, lockHash);
            }
            installed = true;
            return HOME;
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare " + HOME + " for npm", e);
        }
    }

    /** Runs {@code node <args>} in {@link #home()}. */
    static Result node(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add("node");
        command.addAll(List.of(args));
        return run(home(), timeout, command.toArray(String[]::new));
    }

    /** A path inside the installed {@code node_modules}. */
    static Path module(String relative) {
        return home().resolve("node_modules").resolve(relative);
    }

    static Result run(Path dir, Duration timeout, String... command) {
        try {
            Path out = Files.createTempFile("node-out", ".txt");
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                        + Files.readString(out));
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + " (is Node.js 20+ on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command[0], e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A finished process: its exit code and its merged output. */
    record Result(int exitCode, String output) {}
}
