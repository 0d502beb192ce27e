package org.mekong.web.internal.soap;

import java.util.List;

import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.jws.WebService;
import javax.xml.ws.Holder;

import org.apache.cxf.annotations.WSDLDocumentation;
import org.apache.cxf.annotations.WSDLDocumentationCollection;

/**
 * The SOAP contract for integrators (WSDL at {@code /soap/data?wsdl}): list indicators, submit and
 * read data values. Authenticate with HTTP Basic; reading values needs an account, writes the
 * REPORTER role within the caller's org units. The WSDL documents each operation.
 */
@WebService(name = "MekongData", targetNamespace = DataSoapService.NS)
@WSDLDocumentationCollection({
    @WSDLDocumentation(placement = WSDLDocumentation.Placement.TOP, value = "Mekong monitoring data for integrators "
            + "(Resolution 57): indicators and their data values. Authenticate with HTTP Basic: listing indicators "
            + "needs no account, reading values needs one, writing them the REPORTER role within the caller's org "
            + "units (verification: VERIFIER of a unit above). "
            + "Every fault answers HTTP 500 with a detail element (namespace http://mekong.org/soap/fault/1.0): the "
            + "error code (invalid_input, not_found, conflict, forbidden, unauthorized, too_many_requests, internal_error), "
            + "the message and one field element per refused field. "
            + "Periods follow the indicator's periodicity: yyyyMM (monthly), yyyyQn (quarterly), yyyySn (half-year), "
            + "yyyy (yearly). Refused input is a soap:Client fault whose faultstring names each refused field; "
            + "a batch is stored whole or not at all."),
    @WSDLDocumentation(placement = WSDLDocumentation.Placement.SERVICE, value = "REST equivalent and OpenAPI "
            + "document: /api/openapi.json")
})
public interface DataSoapService {
    String NS = "http://mekong.org/soap/data/1.0";

    @WebMethod
    @WebResult(name = "indicator")
    @WSDLDocumentation("The indicators, all or of one layer: KEY_STRATEGY_GROUP, STRATEGIC, OPERATIONAL or "
            + "TASK_COMPLETION. No account needed.")
    List<SoapIndicator> listIndicators(@WebParam(name = "layer") String layer);

    @WebMethod
    @WebResult(name = "result")
    @WSDLDocumentation("Creates or updates values in one transaction (REPORTER). Leave version out to create; "
            + "give the current version to update (a conflict fault otherwise). New values are DRAFT. SUBMITTED and "
            + "VERIFIED values are locked (a conflict fault; a VERIFIED value is reopened through a correction "
            + "request, REST POST /api/datavalues/corrections); a period that has not started is refused. A "
            + "refused call names every refused value (values[i].field) and stores nothing.")
    SoapBatchResult submitDataValues(@WebParam(name = "value") List<SoapDataValue> values);

    /** Submits a unit's DRAFT and REJECTED values of a period for verification; answers how many. */
    @WebMethod
    @WebResult(name = "submitted")
    @WSDLDocumentation("Submits the unit's DRAFT and REJECTED values of the period for verification (REPORTER); "
            + "answers how many moved to SUBMITTED. Values far outside the unit's history need a comment.")
    int submitForVerification(@WebParam(name = "orgUnit") String orgUnit, @WebParam(name = "period") String period);

    /** Verifies SUBMITTED values ({@code reason} empty) or rejects them with a reason; answers how many. */
    @WebMethod
    @WebResult(name = "changed")
    @WSDLDocumentation("Verifies SUBMITTED values (verify true) or rejects them with a reason (verify false) "
            + "(VERIFIER of a unit above each value's unit); keys give indicator, orgUnit and period. All or nothing.")
    int decideValues(@WebParam(name = "key") List<SoapDataValue> keys, @WebParam(name = "verify") boolean verify,
            @WebParam(name = "reason") String reason);

    @WebMethod
    @WebResult(name = "value")
    @WSDLDocumentation("Current values filtered by indicator, orgUnit (with descendants: its whole subtree) and "
            + "period; empty filters do not filter. Paged: offset from 0, limit 1 to 1000 (default 100). The answer "
            + "gives the page's values, then total (how many values match in all) and the offset and limit applied. "
            + "Callers without a national role read their own units' subtrees only.")
    List<SoapDataValue> readDataValues(@WebParam(name = "indicator") String indicator,
            @WebParam(name = "orgUnit") String orgUnit, @WebParam(name = "descendants") boolean descendants,
            @WebParam(name = "period") String period, @WebParam(name = "offset") Integer offset,
            @WebParam(name = "limit") Integer limit,
            @WebParam(name = "total", mode = WebParam.Mode.OUT) Holder<Long> total,
            @WebParam(name = "offset", mode = WebParam.Mode.OUT) Holder<Integer> pageOffset,
            @WebParam(name = "limit", mode = WebParam.Mode.OUT) Holder<Integer> pageLimit);
}
