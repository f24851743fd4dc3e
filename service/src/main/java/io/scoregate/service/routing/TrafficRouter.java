package io.scoregate.service.routing;

/**
 * Chooses the model version for a request that does not pin one. The scoring side only ever talks to
 * routing through this interface.
 */
public interface TrafficRouter {

    /**
     * The version that scores an unpinned request for this application. Sticky: the same applicationId
     * gets the same version while the table's revision is unchanged.
     */
    String route(String applicationId);

    /** The table this instance is applying now. */
    RoutingTable current();
}
