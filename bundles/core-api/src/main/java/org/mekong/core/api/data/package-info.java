/** Data values (indicator x org unit x period) and their audit trail. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.3.0")
package org.mekong.core.api.data;
