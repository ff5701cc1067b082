package dev.mnemo.testkit.firestore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the Firestore emulator's jar: the system property {@value #PROPERTY} or the environment
 * variable {@value #ENV} when set, else where the Debian package puts it, else where
 * {@code dpkg -L} says the package put it.
 */
final class EmulatorJar {

    /** The system property that names the jar explicitly. */
    static final String PROPERTY = "mnemo.firestore.emulator-jar";
    /** The environment variable that names the jar explicitly. */
    static final String ENV = "MNEMO_FIRESTORE_EMULATOR_JAR";
    /** The Debian package that holds the emulator. */
    static final String PACKAGE = "google-cloud-cli-firestore-emulator";
    /** Where that package puts the jar. */
    static final Path PACKAGED = Path.of("/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar");

    private static final String JAR_NAME = "cloud-firestore-emulator.jar";

    private EmulatorJar() {
    }

    /**
     * @return the jar
     * @throws IllegalStateException saying how to install the emulator when there is none
     */
    static Path locate() {
        String explicit = Optional.ofNullable(System.getProperty(PROPERTY)).orElse(System.getenv(ENV));
        if (explicit != null && !explicit.isBlank()) {
            Path jar = Path.of(explicit.trim());
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("The Firestore emulator jar named by " + PROPERTY + " / " + ENV
                        + " does not exist: " + jar);
            }
            return jar;
        }
        if (Files.isRegularFile(PACKAGED)) {
            return PACKAGED;
        }
        return fromDpkg().orElseThrow(() -> new IllegalStateException("The Firestore emulator is not installed (no "
                + PACKAGED + "). Install it with: apt-get install -y " + PACKAGE
                + " (from Google Cloud's apt repository), or set FIRESTORE_EMULATOR_HOST to a running emulator,"
                + " or " + PROPERTY + " to its jar."));
    }

    private static Optional<Path> fromDpkg() {
        try {
            Process dpkg = new ProcessBuilder("dpkg", "-L", PACKAGE).redirectErrorStream(true).start();
            String listing = new String(dpkg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!dpkg.waitFor(10, TimeUnit.SECONDS) || dpkg.exitValue() != 0) {
                return Optional.empty();
            }
            return listing.lines().filter(line -> line.endsWith("/" + JAR_NAME)).map(Path::of)
                    .filter(Files::isRegularFile).findFirst();
        } catch (IOException e) {
            return Optional.empty(); // no dpkg on this machine: the emulator is simply not found
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
