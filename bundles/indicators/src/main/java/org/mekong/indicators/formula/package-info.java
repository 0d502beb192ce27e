/** Indicator formulas: references to other indicators in square brackets, evaluated with EvalEx. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.mekong.indicators.formula;
