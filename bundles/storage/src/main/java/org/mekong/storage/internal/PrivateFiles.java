package org.mekong.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the server's configuration (passwords, keys) and data (database, logs, uploaded files) to
 * the operating-system account that runs it: at every start {@code etc/} and {@code data/} become
 * 0700 and the files directly in {@code etc/} 0600, whatever the archive or the umask made them.
 * A directory closed to others closes everything below it, also files created later.
 */
@Component(immediate = true)
public class PrivateFiles {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    @Activate
    void activate() {
        for (String property : new String[] { "karaf.etc", "karaf.data" }) {
            String dir = System.getProperty(property);
            if (dir != null) {
                close(Path.of(dir), property.equals("karaf.etc"));
            }
        }
    }

    private static void close(Path dir, boolean filesToo) {
        try {
            if (!Files.isDirectory(dir) || !Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                return;
            }
            Files.setPosixFilePermissions(dir, DIRECTORY);
            if (filesToo) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.setPosixFilePermissions(f, Files.isDirectory(f) ? DIRECTORY : FILE);
                    }
                }
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            LOG.warn("Cannot make {} private to the server's account: {}", dir, e.toString());
        }
    }
}
