package org.mekong.web.internal.ui;

/**
 * Where the WebJar files this bundle copies in (bnd Include-Resource) sit inside it. Filtered at build time
 * from src/main/java-templates, so the versions come from the parent pom's properties only.
 */
final class WebJarPaths {
    static final String SWAGGER_UI = "/META-INF/resources/webjars/swagger-ui/${swagger-ui.version}";

    private WebJarPaths() {
    }
}
