package dev.mnemo.testkit.firestore;

import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.StoreConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the Firestore emulator's jar: the key {@link #JAR} ({@code mnemo.firestore.emulator-jar}
 * as a system property, or {@code MNEMO_FIRESTORE_EMULATOR_JAR}) when set, else where the Debian
 * package puts it, else where {@code dpkg -L} says the package put it.
 */
final class EmulatorJar {

    /** The Debian package that holds the emulator. */
    static final String PACKAGE = "google-cloud-cli-firestore-emulator";
    /**
     * {@code mnemo.firestore.emulator-jar}: the emulator's jar, for the tests of every module; declared
     * so that Mnemo, which reads the same system properties and environment, does not refuse it.
     */
    static final ConfigKey<String> JAR = ConfigKey.string("mnemo.firestore.emulator-jar", null,
            "the Firestore emulator's jar the tests start (mnemo-testkit)").describedDefault("where the " + PACKAGE
            + " package puts it");
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
        String explicit = StoreConfig.environment().reader().get(JAR);
        if (explicit != null) {
            Path jar = Path.of(explicit);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("The Firestore emulator jar named by " + JAR + " / "
                        + JAR.environmentName() + " does not exist: " + jar);
            }
            return jar;
        }
        if (Files.isRegularFile(PACKAGED)) {
            return PACKAGED;
        }
        return fromDpkg().orElseThrow(() -> new IllegalStateException("The Firestore emulator is not installed (no "
                + PACKAGED + "). Install it with: apt-get install -y " + PACKAGE
                + " (from Google Cloud's apt repository), or set FIRESTORE_EMULATOR_HOST to a running emulator,"
                + " or " + JAR + " to its jar."));
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
