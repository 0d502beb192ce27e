package org.mekong.identity.internal;

import java.util.HashMap;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.mekong.core.api.identity.IdentityService;

/**
 * The JAAS realm "mekong": Karaf's shell, SSH ({@code bin/client}) and any LoginContext("mekong")
 * log in against Mekong accounts through {@link MekongLoginModule}, or, for SSH, with a public key
 * listed in {@code etc/keys.properties} (Karaf's own PublickeyLoginModule, with the roles given there).
 * Either one suffices.
 */
@Component(service = JaasRealm.class, property = "org.apache.karaf.jaas.realm.name=mekong")
public class MekongJaasRealm implements JaasRealm {
    private static final String KARAF_MODULES = "org.apache.karaf.jaas.modules";
    private final AppConfigurationEntry[] entries;

    @Activate
    public MekongJaasRealm(BundleContext context, @Reference IdentityService identity) {
        Map<String, Object> options = new HashMap<>();
        options.put(ProxyLoginModule.PROPERTY_MODULE, MekongLoginModule.class.getName());
        options.put(ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(context.getBundle().getBundleId()));
        options.put(BundleContext.class.getName(), context);
        AppConfigurationEntry accounts = new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.SUFFICIENT, options);
        Bundle modules = java.util.Arrays.stream(context.getBundles())
                .filter(b -> KARAF_MODULES.equals(b.getSymbolicName())).findFirst().orElse(null);
        String etc = System.getProperty("karaf.etc");
        if (modules == null || etc == null) {
            entries = new AppConfigurationEntry[] { accounts };
            return;
        }
        Map<String, Object> keys = new HashMap<>();
        keys.put(ProxyLoginModule.PROPERTY_MODULE, "org.apache.karaf.jaas.modules.publickey.PublickeyLoginModule");
        keys.put(ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(modules.getBundleId()));
        keys.put(BundleContext.class.getName(), modules.getBundleContext() == null ? context : modules.getBundleContext());
        keys.put("users", etc + "/keys.properties");
        keys.put("detailed.login.exception", "false");
        entries = new AppConfigurationEntry[] { accounts, new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.SUFFICIENT, keys) };
    }

    @Override
    public String getName() {
        return "mekong";
    }

    @Override
    public int getRank() {
        return 0;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        return entries.clone();
    }
}
