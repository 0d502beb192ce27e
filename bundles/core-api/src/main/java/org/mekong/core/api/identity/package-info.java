/** Users, roles, org-unit membership, login and tokens. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.mekong.core.api.identity;
