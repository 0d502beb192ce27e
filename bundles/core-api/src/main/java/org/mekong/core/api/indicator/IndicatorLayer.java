package org.mekong.core.api.indicator;

/** The four layers of the KPI index set. */
public enum IndicatorLayer {
    KEY_STRATEGY_GROUP, STRATEGIC, OPERATIONAL, TASK_COMPLETION
}
