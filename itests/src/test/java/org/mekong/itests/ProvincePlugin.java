package org.mekong.itests;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code itests/province-plugin.sh} in the test driver (before Karaf starts): the archetype
 * generates a province plugin (Da Nang), Maven builds 1.0.0, then 1.1.0 with a schema migration.
 * The test then deploys the KARs into the running server.
 */
final class ProvincePlugin {
    static final String FEATURE = "mekong-province-danang";

    private ProvincePlugin() {
    }

    /** The two KARs: [1.0.0, 1.1.0]. */
    static File[] build(File work) {
        String version = System.getProperty("mekong.version", "0.1.0-SNAPSHOT");
        File script = new File(System.getProperty("mekong.itests.dir", "."), "province-plugin.sh");
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", script.getAbsolutePath(), work.getAbsolutePath(), version))
                .redirectErrorStream(true).redirectOutput(new File(work.getParentFile(), "province-plugin.log"));
        String repo = System.getProperty("maven.repo.local");
        if (repo != null && !repo.isBlank()) {
            pb.environment().put("MVN_ARGS", "-Dmaven.repo.local=" + repo);
        }
        try {
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("province-plugin.sh failed; see " + new File(work.getParentFile(), "province-plugin.log"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        File v1 = new File(work, "v1/mekong-province-danang/target/mekong-province-danang-1.0.0.kar");
        File v2 = new File(work, "v2/mekong-province-danang/target/mekong-province-danang-1.1.0.kar");
        if (!v1.isFile() || !v2.isFile()) {
            throw new IllegalStateException("province-plugin.sh did not leave " + v1 + " and " + v2);
        }
        return new File[] { v1, v2 };
    }
}
