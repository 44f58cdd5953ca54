/**
 * Runs the storefront locally as separate processes: database, four services, gateway.
 */
package dev.storefront.launcher;
