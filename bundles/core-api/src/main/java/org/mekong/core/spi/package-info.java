/** The plugin contract: services a plugin registers to extend the core (whiteboard). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.mekong.core.spi;
