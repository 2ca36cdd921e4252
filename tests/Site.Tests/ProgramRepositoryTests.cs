using OrleansRides.Site.Programs;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Site.Tests;

[Collection(SiteCollection.Name)]
public sealed class ProgramRepositoryTests(TestDatabase database) : IAsyncLifetime
{
    private readonly ProgramRepository _programs = new(database.DataSource);

    public Task InitializeAsync() => ProgramRows.ClearOwnDaysAsync(database.DataSource);

    public Task DisposeAsync() => ProgramRows.ClearOwnDaysAsync(database.DataSource);

    private static ProgramRequest Request(string name, Guid? hostUserId = null, string? hostName = null, params (int Day, string Start, string End)[] slots) =>
        new(name, null, "music", "A show.", hostUserId, hostName, slots.Select(s => new ProgramSlotInput(s.Day, s.Start, s.End)).ToList());

    private static readonly IReadOnlyList<ProgramSlot> Empty = [];

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task A_programme_is_stored_with_its_penyiar_host_and_slots()
    {
        var penyiar = await ProgramRows.InsertUserAsync(database.DataSource, "penyiar", "Rina");

        var result = await _programs.CreateAsync(Request(Unique("Pagi Ceria"), penyiar, null, (2, "06:00", "09:00"), (3, "22:00", "01:00")), default);

        var program = Assert.IsType<RadioProgram>(result.Program);
        Assert.Equal(new ProgramHost(penyiar, "Rina"), program.Host);
        Assert.Equal([(2, "06:00", "09:00"), (3, "22:00", "01:00")], program.Slots.Select(s => (s.DayOfWeek, s.Start, s.End)));
        var found = await _programs.FindAsync(program.Id, default);
        Assert.Equal(program with { Slots = Empty }, found! with { Slots = Empty });
        Assert.Equal(program.Slots, found.Slots);
        Assert.Matches("^pagi-ceria-[a-f0-9]+$", program.Slug);
    }

    [Fact]
    public async Task A_host_who_is_not_a_penyiar_is_refused()
    {
        var editor = await ProgramRows.InsertUserAsync(database.DataSource, "editor");

        Assert.Equal(ProgramWriteFailure.HostNotPenyiar, (await _programs.CreateAsync(Request(Unique("Talk"), editor), default)).Failure);
        Assert.Equal(ProgramWriteFailure.HostNotPenyiar, (await _programs.CreateAsync(Request(Unique("Talk"), Guid.NewGuid()), default)).Failure);
    }

    [Fact]
    public async Task A_guest_host_is_a_name()
    {
        var program = (await _programs.CreateAsync(Request(Unique("Tamu"), null, "Pak Budi"), default)).Program!;

        Assert.Equal(new ProgramHost(null, "Pak Budi"), program.Host);
    }

    [Fact]
    public async Task Slots_overlapping_another_programme_or_each_other_are_refused_and_back_to_back_slots_are_not()
    {
        await _programs.CreateAsync(Request(Unique("Siang"), null, "A", (2, "10:00", "12:00")), default);

        var overlapping = await _programs.CreateAsync(Request(Unique("Other"), null, "B", (2, "11:30", "13:00")), default);
        var selfOverlapping = await _programs.CreateAsync(Request(Unique("Self"), null, "B", (3, "10:00", "12:00"), (3, "11:00", "12:30")), default);
        var backToBack = await _programs.CreateAsync(Request(Unique("Next"), null, "B", (2, "12:00", "13:00")), default);

        Assert.Equal(ProgramWriteFailure.SlotOverlap, overlapping.Failure);
        Assert.Contains("slots[0]", overlapping.Detail);
        Assert.Equal(ProgramWriteFailure.SlotOverlap, selfOverlapping.Failure);
        Assert.Equal("slots[0] and slots[1] overlap.", selfOverlapping.Detail);
        Assert.Equal(ProgramWriteFailure.None, backToBack.Failure);
    }

    [Fact]
    public async Task An_update_replaces_the_slots_without_colliding_with_its_own_old_ones_and_keeps_what_it_does_not_give()
    {
        var program = (await _programs.CreateAsync(Request(Unique("Sore"), null, "A", (2, "15:00", "17:00")), default)).Program!;

        var moved = await _programs.UpdateAsync(program.Id, new ProgramRequest(null, null, null, null, null, null,
            [new ProgramSlotInput(2, "16:00", "18:00")]), default);
        var renamed = await _programs.UpdateAsync(program.Id, new ProgramRequest("Sore Baru", null, null, null, null, null, null), default);

        Assert.Equal([(2, "16:00", "18:00")], moved.Program!.Slots.Select(s => (s.DayOfWeek, s.Start, s.End)));
        Assert.Equal(("Sore Baru", "A", "music"), (renamed.Program!.Name, renamed.Program.Host.Name, renamed.Program.Type));
        Assert.Equal([(2, "16:00", "18:00")], renamed.Program.Slots.Select(s => (s.DayOfWeek, s.Start, s.End)));
        Assert.Equal(ProgramWriteFailure.NotFound, (await _programs.UpdateAsync(Guid.NewGuid(), Request("X"), default)).Failure);
    }

    [Fact]
    public async Task A_taken_slug_is_refused_and_a_deleted_programme_is_gone_with_its_slots()
    {
        var program = (await _programs.CreateAsync(Request(Unique("Slug"), null, "A", (3, "05:00", "06:00")), default)).Program!;

        var taken = await _programs.CreateAsync(Request(Unique("Slug")) with { Slug = program.Slug }, default);

        Assert.Equal(ProgramWriteFailure.SlugTaken, taken.Failure);
        Assert.True(await _programs.DeleteAsync(program.Id, default));
        Assert.False(await _programs.DeleteAsync(program.Id, default));
        Assert.Null(await _programs.FindAsync(program.Id, default));
        Assert.Equal(ProgramWriteFailure.None, (await _programs.CreateAsync(Request(Unique("Free"), null, "A", (3, "05:00", "06:00")), default)).Failure);
    }

    [Theory]
    [InlineData(0, "10:00", "11:00", "Slots[0].DayOfWeek")]
    [InlineData(8, "10:00", "11:00", "Slots[0].DayOfWeek")]
    [InlineData(1, "25:00", "11:00", "Slots[0].Start")]
    [InlineData(1, "10:00", "1100", "Slots[0].End")]
    [InlineData(1, "10:00", "10:00", "Slots[0].End")]
    public void Bad_slots_fail_validation_naming_the_field(int day, string start, string end, string field)
    {
        var result = new ProgramValidator(isCreate: true).Validate(Request("Valid name", null, "A", (day, start, end)));

        Assert.Contains(result.Errors, e => e.PropertyName == field);
    }

    [Fact]
    public void Both_hosts_too_many_slots_and_control_characters_fail_validation()
    {
        var validator = new ProgramValidator(isCreate: true);

        Assert.Contains(validator.Validate(Request("Name", Guid.NewGuid(), "Guest")).Errors, e => e.PropertyName == "HostName");
        Assert.Contains(validator.Validate(Request("Name", null, "A", [.. Enumerable.Range(0, 51).Select(i => (1, "10:00", "11:00"))])).Errors,
            e => e.PropertyName == "Slots");
        Assert.Contains(validator.Validate(Request("Bad\u001bname")).Errors, e => e.PropertyName == "Name");
        Assert.Contains(validator.Validate(Request("Name") with { Type = "t\u202Ey" }).Errors, e => e.PropertyName == "Type");
        Assert.Contains(validator.Validate(Request("Name") with { Description = "a\0b" }).Errors, e => e.PropertyName == "Description");
    }
}
