package org.mekong.web.internal.soap;

import java.util.List;

import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.jws.WebService;

/**
 * The SOAP contract for integrators (WSDL at {@code /soap/data?wsdl}): list indicators, submit and
 * read data values. Authenticate with HTTP Basic; reads need an account, writes the REPORTER role
 * within the caller's org units.
 */
@WebService(name = "MekongData", targetNamespace = DataSoapService.NS)
public interface DataSoapService {
    String NS = "http://mekong.org/soap/data/1.0";

    @WebMethod
    @WebResult(name = "indicator")
    List<SoapIndicator> listIndicators(@WebParam(name = "layer") String layer);

    @WebMethod
    @WebResult(name = "result")
    SoapBatchResult submitDataValues(@WebParam(name = "value") List<SoapDataValue> values);

    /** Submits a unit's DRAFT and REJECTED values of a period for verification; answers how many. */
    @WebMethod
    @WebResult(name = "submitted")
    int submitForVerification(@WebParam(name = "orgUnit") String orgUnit, @WebParam(name = "period") String period);

    /** Verifies SUBMITTED values ({@code reason} empty) or rejects them with a reason; answers how many. */
    @WebMethod
    @WebResult(name = "changed")
    int decideValues(@WebParam(name = "key") List<SoapDataValue> keys, @WebParam(name = "verify") boolean verify,
            @WebParam(name = "reason") String reason);

    @WebMethod
    @WebResult(name = "value")
    List<SoapDataValue> readDataValues(@WebParam(name = "indicator") String indicator,
            @WebParam(name = "orgUnit") String orgUnit, @WebParam(name = "descendants") boolean descendants,
            @WebParam(name = "period") String period, @WebParam(name = "offset") Integer offset,
            @WebParam(name = "limit") Integer limit);
}
