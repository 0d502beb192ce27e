package ${package}.internal;

import org.mekong.core.spi.MenuEntry;
import org.mekong.core.spi.UiContribution;
import org.osgi.service.component.annotations.Component;

/** ${provinceName}'s page in the platform's menu, present while the plugin is installed. */
@Component(service = UiContribution.class)
public class ProvinceMenu extends MenuEntry {
    public ProvinceMenu() {
        super("province-${province}.overview", "${provinceName}: chỉ số và sáng kiến", "${provinceName}: indicators and initiatives",
                "/${province}/index.html", 510, null);
    }
}
