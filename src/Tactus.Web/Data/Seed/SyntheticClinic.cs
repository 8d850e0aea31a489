using Bogus;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Features.Patients;

namespace Tactus.Web.Data.Seed;

/// <summary>
/// Generates a plausible clinic population, reproducible from a seed: the same seed always gives
/// the same people. Used by the demo (a dozen patients) and by benchmarks (up to millions), so it
/// writes in batches and keeps the change tracker small.
/// </summary>
public static class SyntheticClinic
{
    /// <summary>
    /// Common massage-referral diagnoses (ICD-10-CM codes from reference/clinical.md §3), weighted
    /// so chronic low back and neck pain dominate as they do in referral programmes.
    /// </summary>
    private static readonly (string Code, string Display, float Weight)[] Diagnoses =
    [
        ("M54.50", "Low back pain, unspecified", 0.24f),
        ("M54.2", "Cervicalgia", 0.14f),
        ("M79.7", "Fibromyalgia", 0.08f),
        ("G44.229", "Chronic tension-type headache, not intractable", 0.07f),
        ("G43.909", "Migraine, unspecified, not intractable, without status migrainosus", 0.06f),
        ("F41.1", "Generalized anxiety disorder", 0.08f),
        ("F32.A", "Depression, unspecified", 0.05f),
        ("F43.10", "Post-traumatic stress disorder, unspecified", 0.03f),
        ("G47.00", "Insomnia, unspecified", 0.04f),
        ("M79.18", "Myalgia, other site", 0.06f),
        ("M62.830", "Muscle spasm of back", 0.05f),
        ("G89.29", "Other chronic pain", 0.05f),
        ("M54.6", "Pain in thoracic spine", 0.03f),
        ("I89.0", "Lymphedema, not elsewhere classified", 0.02f),
    ];

    public sealed record CareTeamAssignment(Guid UserId, string Role);

    public static async Task<int> GenerateAsync(TactusDbContext db, Guid organizationId, int count, int seed,
        IReadOnlyList<CareTeamAssignment> careTeam, TimeProvider time, int batchSize = 1000,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var firstMrn = await ReserveMrnsAsync(db, organizationId, count, cancellationToken);
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var today = DateOnly.FromDateTime(time.GetStorageNow().UtcDateTime);
        for (var index = 0; index < count; index++)
        {
            var patient = NewPatient(faker, organizationId, FormatMrn(firstMrn + index), today, time.GetStorageNow(), careTeam, index);
            db.Patients.Add(patient);
            if ((index + 1) % batchSize == 0)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return count;
    }

    /// <summary>One plausible person with one to three referral diagnoses and the care team taken in turn from those given.</summary>
    public static Patient NewPatient(Faker faker, Guid organizationId, string mrn, DateOnly today, DateTimeOffset now,
        IReadOnlyList<CareTeamAssignment> careTeam, int index)
    {
        var weights = Diagnoses.Select(d => d.Weight).ToArray();
            var sex = faker.Random.WeightedRandom([AdministrativeSex.Female, AdministrativeSex.Male, AdministrativeSex.Other],
                [0.58f, 0.41f, 0.01f]);
            var bogusGender = sex == AdministrativeSex.Male ? Bogus.DataSets.Name.Gender.Male : Bogus.DataSets.Name.Gender.Female;
            var given = faker.Name.FirstName(bogusGender);
            var family = faker.Name.LastName();
            var age = (int)Math.Clamp(faker.Random.Double(18, 92) * 0.6 + faker.Random.Double(18, 92) * 0.4, 18, 95);
            var birthDate = today.AddYears(-age).AddDays(-faker.Random.Int(0, 364));
            var patient = new Patient
            {
                OrganizationId = organizationId,
                Mrn = mrn,
                GivenName = given,
                FamilyName = family,
                BirthDate = birthDate,
                Sex = sex,
                Phone = faker.Phone.PhoneNumber("(###) ###-####"),
                Email = $"{given}.{family}{faker.Random.Int(1, 99)}@example.org".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal),
                AddressLine = faker.Address.StreetAddress(),
                City = faker.Address.City(),
                State = faker.Address.StateAbbr(),
                PostalCode = faker.Address.ZipCode("#####"),
                CreatedAt = now,
                UpdatedAt = now,
            };

            var diagnosisCount = faker.Random.WeightedRandom([1, 2, 3], [0.6f, 0.3f, 0.1f]);
            foreach (var diagnosis in Enumerable.Range(0, diagnosisCount)
                         .Select(_ => faker.Random.WeightedRandom(Diagnoses, weights)).DistinctBy(d => d.Code))
            {
                patient.Conditions.Add(new Condition
                {
                    OrganizationId = organizationId,
                    PatientId = patient.Id,
                    Code = diagnosis.Code,
                    Display = diagnosis.Display,
                    OnsetDate = today.AddDays(-faker.Random.Int(30, 3650)),
                    RecordedAt = now,
                });
            }

            foreach (var member in careTeam.GroupBy(m => m.Role).Select(g => g.ElementAt(index % g.Count())))
            {
                patient.CareTeam.Add(new CareTeamMember
                {
                    OrganizationId = organizationId, PatientId = patient.Id, UserId = member.UserId, Role = member.Role, AddedAt = now,
                });
            }

        return patient;
    }

    public static string FormatMrn(long number) => "MRN" + number.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Takes a block of MRN numbers atomically, so concurrent creators never share one.</summary>
    public static async Task<long> ReserveMrnsAsync(TactusDbContext db, Guid organizationId, int count,
        CancellationToken cancellationToken)
    {
        var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var organizations = db.Organizations.IgnoreQueryFilters().Where(o => o.Id == organizationId);
            await organizations.ExecuteUpdateAsync(s => s.SetProperty(o => o.NextMrnNumber, o => o.NextMrnNumber + count),
                cancellationToken);
            var next = await organizations.Select(o => o.NextMrnNumber).SingleAsync(cancellationToken);
            if (owned is not null)
            {
                await owned.CommitAsync(cancellationToken);
            }

            return next - count;
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }
}
