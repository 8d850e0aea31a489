using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tactus.Tests.Features.Scheduling;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Account;
using Tactus.Web.Features.Messages;
using Tactus.Web.Features.Scheduling;

namespace Tactus.BrowserTests;

/// <summary>
/// A clinic runs its day on Tactus (issue 13, done when): the manager books the plan's series on the booking page, the
/// confirmation and the reminder reach the patient through a real SMTP server, the patient confirms on a phone-wide
/// portal with no sideways scroll, the therapist checks the patient in from the calendar, a missed visit is recorded
/// as a no-show, and a visit past the payer's authorisation is booked only once a reason is given.
/// </summary>
public sealed class ClinicDayTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string PortalPassword = "Meadow-lantern-copper-58";
    private BrowserApp App => fixture.App;

    [Fact]
    public async Task ASeriesIsBooked_Reminded_ConfirmedOnAPhone_CheckedIn_AndAMissedVisitIsANoShow()
    {
        var data = await SchedulingTestData.LoadAsync(App);
        var (referralId, email) = await PlannedReferralWithPortalAsync();
        var monday = data.Weekday(14, 10);
        while (monday.DayOfWeek != DayOfWeek.Monday)
        {
            monday = monday.AddDays(1);
        }

        // The manager books the plan's series (2 a week for 3 weeks) from the first visit.
        await using (var manager = await PageSession.OpenAsync(App))
        {
            await manager.SignInAsync("manager@riverside.example");
            var m = manager.Page;
            await m.GotoAsync($"/Scheduling/Book?referralId={referralId}");
            await m.GetByTestId("booking-form").GetByLabel("Therapist", new() { Exact = true }).SelectOptionAsync(data.Therapist.ToString());
            await m.GetByTestId("booking-form").GetByLabel("Appointment type").SelectOptionAsync(data.Treatment.ToString());
            await m.GetByTestId("booking-form").GetByLabel("Day", new() { Exact = true }).FillAsync(monday.ToString("yyyy-MM-dd"));
            await m.Locator("#Time").FillAsync("10:00");
            await m.GetByTestId("booking-form").GetByLabel("Book the plan of care's series from this visit").CheckAsync();
            await m.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
            await m.WaitForDocumentAsync(url => url.Contains("/Scheduling?", StringComparison.Ordinal));
            Assert.Contains("6 visits booked.", await m.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
            Assert.Empty(manager.ConsoleErrors);
        }

        var visits = await App.WithDbAsync(db => db.Appointments.AsNoTracking().Where(a => a.ReferralId == referralId).OrderBy(a => a.StartsAt).ToListAsync());
        Assert.Equal(6, visits.Count);

        // The confirmation now, the first visit's 48-hour reminder when its time comes, both by e-mail to the patient.
        var worker = App.Services.GetRequiredService<OutboxWorker>();
        await worker.SendDueAsync(CancellationToken.None);
        App.Clock.SetUtcNow(visits[0].StartsAt.AddHours(-47).ToUniversalTime());
        await worker.SendDueAsync(CancellationToken.None);
        var toPatient = App.Smtp.Received.Where(r => r.To.Mailboxes.Any(b => b.Address == email)).Select(r => r.Subject).ToList();
        Assert.Contains("Your appointment at Riverside Integrative Health", toPatient);
        Assert.Contains("Reminder: your appointment at Riverside Integrative Health", toPatient);

        // The patient confirms the first visit on a phone.
        await using (var phone = await PageSession.OpenAsync(App, width: 390, height: 844))
        {
            await phone.SignInAsync(email, PortalPassword);
            var p = phone.Page;
            Assert.Equal("/Portal", phone.Path);
            var card = p.GetByTestId($"appointment-{visits[0].Id}");
            await card.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
            await p.GetByRole(AriaRole.Status).WaitForAsync();
            Assert.Contains("confirmed", await p.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("You have confirmed this appointment.", await p.GetByTestId($"appointment-{visits[0].Id}").InnerTextAsync(), StringComparison.Ordinal);
            Assert.True(await p.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The portal scrolls sideways at 390 px.");
            Assert.Empty(phone.ConsoleErrors);
        }

        // On the day, the therapist checks the patient in from the calendar.
        App.Clock.SetUtcNow(visits[0].StartsAt.AddMinutes(-5).ToUniversalTime());
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(visits[0].StartsAt, data.Zone).DateTime).ToString("yyyy-MM-dd");
        await using (var therapist = await PageSession.OpenAsync(App))
        {
            await therapist.SignInAsync("therapist@riverside.example");
            var t = therapist.Page;
            await t.GotoAsync($"/Scheduling?date={day}&view=day");
            await t.Locator($"[data-appointment-id='{visits[0].Id}']").GetByRole(AriaRole.Link, new() { Name = "Check in" }).ClickAsync();
            await t.GetByLabel("Pain now").FillAsync("6");
            await t.GetByLabel("Stress or anxiety now").FillAsync("4");
            await t.GetByRole(AriaRole.Button, new() { Name = "Check in and start the note" }).ClickAsync();
            await t.WaitForDocumentAsync(url => url.Contains("/Sessions/Edit/", StringComparison.Ordinal));
            Assert.Empty(therapist.ConsoleErrors);
        }

        // The second visit passes without the patient: the manager records a no-show.
        App.Clock.SetUtcNow(visits[1].StartsAt.AddMinutes(20).ToUniversalTime());
        var secondDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(visits[1].StartsAt, data.Zone).DateTime).ToString("yyyy-MM-dd");
        await using (var manager = await PageSession.OpenAsync(App))
        {
            await manager.SignInAsync("manager@riverside.example");
            var m = manager.Page;
            await m.GotoAsync($"/Scheduling?date={secondDay}&view=day&therapist={data.Therapist}");
            await m.Locator($"[data-appointment-id='{visits[1].Id}']").GetByRole(AriaRole.Button, new() { Name = "No-show" }).ClickAsync();
            await m.GetByRole(AriaRole.Status).WaitForAsync();
        }

        var after = await App.WithDbAsync(db => db.Appointments.AsNoTracking().Where(a => a.ReferralId == referralId).OrderBy(a => a.StartsAt).Take(2).ToListAsync());
        Assert.NotNull(after[0].ConfirmedAt);
        Assert.Equal(AppointmentStatus.CheckedIn, after[0].Status);
        Assert.Equal(AppointmentStatus.NoShow, after[1].Status);
    }

    [Fact]
    public async Task AVisitPastTheAuthorisation_IsBookedOnlyWithAReason()
    {
        var data = await SchedulingTestData.LoadAsync(App);
        var authorization = await App.WithDbAsync(db => db.Authorizations.AsNoTracking().SingleAsync(a => a.Number == "AUTH-7741" && a.OrganizationId == data.OrganizationId));
        var referralId = authorization.ReferralId!.Value;
        var given = await App.WithDbAsync(db => db.TreatmentSessions.CountAsync(s => s.ReferralId == referralId));
        var booked = await App.WithDbAsync(db => db.Appointments.CountAsync(a => a.ReferralId == referralId && a.Status == AppointmentStatus.Booked));
        var api = await App.AsAsync(Roles.Manager);
        // Near days, not far ones: the series test in this class may already have moved the shared clock weeks ahead, and the
        // visits must stay inside the authorisation's dates so that what runs out is its visits, not its days.
        var dayAhead = 2;
        for (var visit = given + booked + 1; visit <= authorization.VisitsApproved; visit++, dayAhead += 2)
        {
            var within = await api.PostAsync("/api/appointments", Json.Body(data.Booking(referralId, data.Weekday(dayAhead, 15))));
            Assert.True(within.IsSuccessStatusCode, await within.Content.ReadAsStringAsync());
        }

        var past = data.Weekday(dayAhead + 2, 15);
        Assert.True(DateOnly.FromDateTime(past.DateTime) <= authorization.EndsOn, $"the visit past the authorisation's visits ({past:d}) must fall inside its dates");
        await using var manager = await PageSession.OpenAsync(App);
        await manager.SignInAsync("manager@riverside.example");
        var m = manager.Page;
        await m.GotoAsync($"/Scheduling/Book?referralId={referralId}");
        await m.GetByTestId("booking-form").GetByLabel("Therapist", new() { Exact = true }).SelectOptionAsync(data.Therapist.ToString());
        await m.GetByTestId("booking-form").GetByLabel("Appointment type").SelectOptionAsync(data.Treatment.ToString());
        await m.GetByTestId("booking-form").GetByLabel("Day", new() { Exact = true }).FillAsync(past.ToString("yyyy-MM-dd"));
        await m.Locator("#Time").FillAsync("15:00");
        await m.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        var warning = await m.GetByRole(AriaRole.Alert).InnerTextAsync();
        var bookedWithoutReason = await App.WithDbAsync(db => db.Appointments.CountAsync(a => a.ReferralId == referralId && a.StartsAt == past.ToUniversalTime()));

        await m.GetByTestId("booking-form").GetByLabel("Reason to book past a warning").FillAsync("Payer extended the authorisation by phone; reference 8812.");
        await m.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        await m.WaitForDocumentAsync(url => url.Contains("/Scheduling?", StringComparison.Ordinal));
        var kept = await App.WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.ReferralId == referralId && a.StartsAt == past.ToUniversalTime()));

        Assert.Contains("AUTH-7741", warning, StringComparison.Ordinal);
        Assert.Equal(0, bookedWithoutReason);
        Assert.Equal("Payer extended the authorisation by phone; reference 8812.", kept.OverrideReason);
        Assert.Empty(manager.ConsoleErrors);
    }

    /// <summary>A referred patient with intake done, a signed and certified plan (2 a week for 3 weeks), an e-mail address and a portal account.</summary>
    private async Task<(Guid ReferralId, string Email)> PlannedReferralWithPortalAsync()
    {
        var family = "Clinicday" + Guid.NewGuid().ToString("N")[..6];
        var email = $"{family.ToLowerInvariant()}@example.org";
        var loop = await App.ReferAndAssignAsync("therapist@riverside.example", familyName: family);
        Assert.True((await loop.RecordIntakeAsync("{}")).IsSuccessStatusCode);
        var plan = await (await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/plans", Json.Body("""
            {"goals":[{"description":"Pain at rest","instrument":"NPRS","target":"≤ 4"}],
             "sessionsPerWeek":2,"weeks":3,"techniques":["swedish"],"measures":[{"instrument":"NPRS","atBaseline":true,"everyVisits":1,"atDischarge":true}],
             "reportEveryVisits":0,"reportEveryDays":0}
            """))).ReadJsonAsync();
        var planId = plan.GetProperty("id").GetGuid();
        Assert.True((await loop.Therapist.PostAsync($"/api/plans/{planId}/sign", null)).IsSuccessStatusCode);
        Assert.True((await loop.Clinician.PostAsync($"/api/plans/{planId}/certify", null)).IsSuccessStatusCode);
        await using var scope = App.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<Tactus.Web.Data.TactusDbContext>();
        var patient = await db.Patients.SingleAsync(p => p.Id == loop.PatientId);
        patient.Email = email;
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TactusUser>>();
        var user = new TactusUser { Email = email, UserName = email, DisplayName = family, OrganizationId = patient.OrganizationId, PatientId = patient.Id, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, PortalPassword)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Patient);
        return (loop.ReferralId, email);
    }
}
