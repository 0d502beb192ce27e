package org.mekong.web.internal.soap;

import java.util.List;
import java.util.function.Supplier;

import javax.jws.WebService;
import javax.xml.ws.Holder;

import org.mekong.core.api.Caller;
import org.mekong.core.api.InvalidInputException;
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
            Integer offset, Integer limit, Holder<Long> total, Holder<Integer> pageOffset, Holder<Integer> pageLimit) {
        return call(() -> {
            Page<org.mekong.core.api.data.DataValue> page = values.find(caller(), new DataValueQuery(indicator, orgUnit,
                    descendants, period, null, null, null, Page.offset(offset), Page.limit(limit)));
            total.value = page.total();
            pageOffset.value = page.offset();
            pageLimit.value = page.limit();
            return page.items().stream().map(SoapDataValue::of).toList();
        });
    }

    private static Caller caller() {
        return SoapCalls.caller();
    }

    private static <T> T call(Supplier<T> work) {
        return SoapCalls.call(work);
    }
}
