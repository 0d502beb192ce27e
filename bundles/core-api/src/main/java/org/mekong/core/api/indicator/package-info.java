/** Indicator definitions and the registry that merges stored and plugin-provided ones. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package org.mekong.core.api.indicator;
