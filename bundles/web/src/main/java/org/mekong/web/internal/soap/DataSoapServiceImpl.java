package org.mekong.web.internal.soap;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.jws.WebService;
import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.mekong.core.api.Caller;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.MekongException;
import org.mekong.core.api.Page;
import org.mekong.core.api.data.BatchResult;
import org.mekong.core.api.data.DataValueQuery;
import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.indicator.IndicatorLayer;
import org.mekong.core.api.indicator.IndicatorRegistry;

/** Thin SOAP adapter over the same services the REST resources call. */
@WebService(endpointInterface = "org.mekong.web.internal.soap.DataSoapService", serviceName = "MekongDataService",
        portName = "MekongDataPort", targetNamespace = DataSoapService.NS)
public class DataSoapServiceImpl implements DataSoapService {
    private static final QName CLIENT = new QName("http://schemas.xmlsoap.org/soap/envelope/", "Client");
    private static final QName SERVER = new QName("http://schemas.xmlsoap.org/soap/envelope/", "Server");

    private final IndicatorRegistry indicators;
    private final DataValueService values;

    public DataSoapServiceImpl(IndicatorRegistry indicators, DataValueService values) {
        this.indicators = indicators;
        this.values = values;
    }

    @Override
    public List<SoapIndicator> listIndicators(String layer) {
        return call(() -> {
            IndicatorLayer l = null;
            if (layer != null && !layer.isBlank()) {
                try {
                    l = IndicatorLayer.valueOf(layer.trim());
                } catch (IllegalArgumentException e) {
                    throw InvalidInputException.field("layer", "'" + layer + "' is not a layer");
                }
            }
            return indicators.list(l, false).stream().map(SoapIndicator::of).toList();
        });
    }

    @Override
    public SoapBatchResult submitDataValues(List<SoapDataValue> submitted) {
        return call(() -> {
            List<SoapDataValue> list = submitted == null ? List.of() : submitted;
            BatchResult r = values.writeBatch(caller(), list.stream().map(SoapDataValue::toInput).toList());
            SoapBatchResult out = new SoapBatchResult();
            out.created = r.created();
            out.updated = r.updated();
            return out;
        });
    }

    @Override
    public int submitForVerification(String orgUnit, String period) {
        return call(() -> values.submit(caller(), orgUnit, period, null).submitted());
    }

    @Override
    public int decideValues(List<SoapDataValue> keys, boolean verify, String reason) {
        return call(() -> {
            List<org.mekong.core.api.data.DataValueKey> k = (keys == null ? List.<SoapDataValue>of() : keys).stream()
                    .map(v -> new org.mekong.core.api.data.DataValueKey(v.indicator, v.orgUnit, v.period)).toList();
            return verify ? values.verify(caller(), k) : values.reject(caller(), k, reason);
        });
    }

    @Override
    public List<SoapDataValue> readDataValues(String indicator, String orgUnit, boolean descendants, String period,
            Integer offset, Integer limit) {
        return call(() -> values.find(caller(), new DataValueQuery(indicator, orgUnit, descendants, period, null,
                null, null, Page.offset(offset), Page.limit(limit))).items().stream().map(SoapDataValue::of).toList());
    }

    private static Caller caller() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        Caller caller = message == null ? null : message.getExchange().get(Caller.class);
        return caller == null ? Caller.anonymous() : caller;
    }

    /** Runs a service call, turning a domain error into a SOAP fault with the matching HTTP status. */
    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (MekongException e) {
            String details = e.details().stream().map(d -> d.field() + ": " + d.problem())
                    .collect(Collectors.joining("; "));
            SoapFault fault = new SoapFault(e.code() + ": " + e.getMessage() + (details.isEmpty() ? "" : " [" + details + "]"),
                    e.status() < 500 ? CLIENT : SERVER);
            fault.setStatusCode(e.status());
            throw fault;
        }
    }
}
