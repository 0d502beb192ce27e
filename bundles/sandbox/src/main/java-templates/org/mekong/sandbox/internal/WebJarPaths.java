package org.mekong.sandbox.internal;

/**
 * Where the WebJar files this bundle copies in (bnd Include-Resource) sit inside it. Filtered at build time
 * from src/main/java-templates, so the versions come from the parent pom's properties only.
 */
final class WebJarPaths {
    static final String ECHARTS = "/META-INF/resources/webjars/echarts/${echarts.version}";

    private WebJarPaths() {
    }
}
