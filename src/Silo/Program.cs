using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansRides.Grains;
using OrleansRides.Runtime.Cluster;
using OrleansRides.Runtime.Hosting;
using OrleansRides.Runtime.Storage;

// A cluster silo: hosts the grains it owns under rendezvous placement, joins through the PostgreSQL membership table and
// takes calls from its RabbitMQ queue. Start more to scale out; stop one (SIGTERM) and it hands its grains off first.
var builder = Host.CreateApplicationBuilder(args);
builder.AddPostgres();
builder.Services.AddGrainRuntime().UsePostgresStorage().AddRideGrains().AddChatGrains().AddSessionGrains().UseCluster(ClusterRole.Silo);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
await builder.Build().RunAsync();
