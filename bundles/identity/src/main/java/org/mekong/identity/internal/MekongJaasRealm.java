package org.mekong.identity.internal;

import java.util.HashMap;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.mekong.core.api.identity.IdentityService;

/**
 * The JAAS realm "mekong": Karaf's shell, SSH ({@code bin/client}) and any LoginContext("mekong")
 * log in against Mekong accounts through {@link MekongLoginModule}.
 */
@Component(service = JaasRealm.class, property = "org.apache.karaf.jaas.realm.name=mekong")
public class MekongJaasRealm implements JaasRealm {
    private final AppConfigurationEntry[] entries;

    @Activate
    public MekongJaasRealm(BundleContext context, @Reference IdentityService identity) {
        Map<String, Object> options = new HashMap<>();
        options.put(ProxyLoginModule.PROPERTY_MODULE, MekongLoginModule.class.getName());
        options.put(ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(context.getBundle().getBundleId()));
        options.put(BundleContext.class.getName(), context);
        entries = new AppConfigurationEntry[] { new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options) };
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
