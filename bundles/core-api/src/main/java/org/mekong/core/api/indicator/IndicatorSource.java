package org.mekong.core.api.indicator;

/** Where an indicator's values come from. */
public enum IndicatorSource {
    MANUAL, COMPUTED, PLUGIN
}
