package org.mekong.benchmark;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * The Karaf every benchmark runs on: the built distribution on free ports, the benchmark admin
 * password, a heap of {@code bench.heap} (default 4g), no scheduled warning runs (the engine still
 * runs its rules a few seconds after each data change), the report path as {@code bench.out}, and
 * the benchmark's own {@code bench.*} properties handed into the container. {@code bench.extraVmOptions}
 * adds VM options; {@code bench.keep} keeps the unpacked server for a look afterwards.
 */
final class BenchmarkKaraf {
    static final String ADMIN_PASSWORD = "bench-admin-password-42";

    private BenchmarkKaraf() {
    }

    /** The common options; the caller adds its own and turns the list into an array. */
    static List<Option> options(String report, List<String> benchProperties) {
        String archive = System.getProperty("mekong.distribution");
        if (archive == null || !new File(archive).isFile()) {
            throw new IllegalStateException("Build the distribution first (mvn -B package -DskipTests at the root): "
                    + archive + " is missing");
        }
        String target = System.getProperty("project.build.directory", "target");
        int httpPort = freePort();
        List<Option> options = new ArrayList<>(List.of(
            karafDistributionConfiguration().frameworkUrl(new File(archive).toURI().toString())
                    .name("Mekong").unpackDirectory(new File(target, "exam")).useDeployFolder(false),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.WARN),
            vmOption("-Xmx" + System.getProperty("bench.heap", "4g")),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(httpPort)),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.mekong.identity.cfg", "admin.password", ADMIN_PASSWORD),
            editConfigurationFilePut("etc/org.mekong.monitoring.cfg", "warnings.interval.minutes", "0"),
            systemProperty("mekong.http.port").value(Integer.toString(httpPort)),
            systemProperty("bench.out").value(new File(target, report).getAbsolutePath())));
        List<String> passed = new ArrayList<>(benchProperties);
        passed.add("bench.enforce");
        for (String p : passed) {
            if (System.getProperty(p) != null && !System.getProperty(p).isBlank()) {
                options.add(systemProperty(p).value(System.getProperty(p)));
            }
        }
        for (String extra : System.getProperty("bench.extraVmOptions", "").trim().split("\\s+")) {
            if (!extra.isBlank()) {
                options.add(vmOption(extra));
            }
        }
        if (Boolean.getBoolean("bench.keep")) {
            options.add(keepRuntimeFolder());
        }
        return options;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
