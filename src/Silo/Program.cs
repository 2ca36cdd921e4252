// The cluster-mode silo host. Cluster membership and the RabbitMQ transport are not built yet (issue "Cluster mode"),
// so a separate silo could not be reached by any frontend; until then it refuses to start rather than idle unreachably.
// The embedded default (./run) hosts the same grains inside FrontendHost.
Console.Error.WriteLine("OrleansRides.Silo: cluster mode is not available yet; run ./run for the embedded default.");
return 2;
