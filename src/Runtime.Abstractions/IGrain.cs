namespace OrleansRides.Runtime;

/// <summary>Marker for grain interfaces. Every method must return <see cref="Task"/>, <see cref="Task{T}"/>,
/// <see cref="ValueTask"/> or <see cref="ValueTask{T}"/>; calls are delivered as turns to the single activation.</summary>
public interface IGrain;

/// <summary>A grain addressed by a string key, as Orleans' <c>IGrainWithStringKey</c>.</summary>
public interface IGrainWithStringKey : IGrain;
