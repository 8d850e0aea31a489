using System.Net;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Sessions;

namespace Tactus.Tests.Features.Sessions;

/// <summary>
/// Signing a note is one use case and one commit (issue 10 §5): the signature, the visit's codes and any report the
/// schedule makes due commit together or not at all. The failure is real: a database trigger refuses the coding row.
/// </summary>
public abstract class SigningTests(TactusApp app)
{
    [Fact]
    public async Task WhenTheCodingCannotBeStored_TheNoteIsNotSigned_AndSigningAgainLaterSucceeds()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Ada", familyName: "Quarry");
        await loop.RecordIntakeAsync("{}");
        var id = (await (await loop.CheckInAsync("""{"painBefore":5,"stressBefore":3,"changes":{}}""")).ReadJsonAsync()).GetProperty("id").GetGuid();
        await loop.Therapist.PutAsync($"/api/sessions/{id}/note", Json.Body("""{"techniques":[{"technique":"swedish","region":"lower-back-left","minutes":30,"pressure":2}],"painAfter":3}"""));

        HttpResponseMessage failed;
        await RefuseCodingRowsAsync(true);
        try
        {
            failed = await loop.Therapist.PostAsync($"/api/sessions/{id}/sign", null);
        }
        finally
        {
            await RefuseCodingRowsAsync(false);
        }

        var afterFailure = await app.WithDbAsync(db => db.TreatmentSessions.AsNoTracking().SingleAsync(s => s.Id == id));
        var codingsAfterFailure = await app.WithDbAsync(db => db.VisitCodings.CountAsync(v => v.SessionId == id));
        var signed = await loop.Therapist.PostAsync($"/api/sessions/{id}/sign", null);
        var codings = await app.WithDbAsync(db => db.VisitCodings.CountAsync(v => v.SessionId == id));

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal((SessionStatus.Draft, 0), (afterFailure.Status, codingsAfterFailure));
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(1, codings);
    }

    private Task RefuseCodingRowsAsync(bool refuse) => app.WithDbAsync(async db =>
    {
        var sql = (app.Store, refuse) switch
        {
            (TestStore.Sqlite, true) => ["CREATE TRIGGER refuse_coding BEFORE INSERT ON VisitCodings BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"],
            (TestStore.Sqlite, false) => ["DROP TRIGGER IF EXISTS refuse_coding;"],
            (_, true) => new[]
            {
                "CREATE OR REPLACE FUNCTION refuse_coding() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql;",
                "CREATE TRIGGER refuse_coding BEFORE INSERT ON \"VisitCodings\" FOR EACH ROW EXECUTE FUNCTION refuse_coding();",
            },
            (_, false) => ["DROP TRIGGER IF EXISTS refuse_coding ON \"VisitCodings\";"],
        };
        foreach (var statement in sql)
        {
            await db.Database.ExecuteSqlRawAsync(statement);
        }

        return 0;
    });
}

public sealed class SigningSqliteTests(SqliteApp app) : SigningTests(app), IClassFixture<SqliteApp>;

public sealed class SigningPostgreSqlTests(PostgreSqlApp app) : SigningTests(app), IClassFixture<PostgreSqlApp>;
