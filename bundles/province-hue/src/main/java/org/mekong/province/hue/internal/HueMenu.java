package org.mekong.province.hue.internal;

import org.mekong.core.spi.UiContribution;
import org.osgi.service.component.annotations.Component;

/** Hue's page in the UI shell menu. */
@Component(service = UiContribution.class)
public class HueMenu implements UiContribution {

    @Override
    public String id() {
        return "province-hue.overview";
    }

    @Override
    public String labelVi() {
        return "Huế: chỉ số riêng";
    }

    @Override
    public String labelEn() {
        return "Hue: own indicators";
    }

    @Override
    public String href() {
        return "/hue/index.html";
    }

    @Override
    public int order() {
        return 500;
    }
}
