package org.mekong.web.api;

import org.mekong.core.api.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Publishes a plugin's SOAP service under {@code /soap} with Mekong's authentication (HTTP Basic
 * or bearer token; wrong credentials answer 401, none mean anonymous). A Mekong exception thrown
 * by the implementation becomes a SOAP fault ({@code Client} for 4xx, {@code Server} otherwise)
 * sent with the matching HTTP status. Publish in a component's activate method and close the
 * returned handle in its deactivate method, so the endpoint follows the plugin's life.
 */
@ProviderType
public interface SoapPublisher {

    /**
     * Publishes {@code implementor} at {@code /soap/<address>} (WSDL at {@code ?wsdl}). CXF shares
     * its destinations between the SOAP servlet and the REST application, so the address must not
     * be the first path segment of a REST resource: name it {@code <plugin>-service}.
     *
     * @param sei the {@code @WebService} interface describing the contract
     * @param namespace the target namespace of the service and port names
     */
    <T> AutoCloseable publish(String address, Class<T> sei, T implementor, String namespace, String serviceName,
            String portName);

    /** The caller of the SOAP request being handled on this thread (anonymous without credentials). */
    Caller caller();

    /** The network address the SOAP request being handled came from (for rate limits), or null. */
    String clientAddress();
}
