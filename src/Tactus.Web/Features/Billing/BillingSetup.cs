using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Billing;

public sealed record ProfileInput(string? LegalName = null, string? Npi = null, string? TaxId = null, string? AddressLine = null, string? City = null,
    string? State = null, string? PostalCode = null, string? ContactName = null, string? ContactPhone = null, string? SubmitterId = null, string? ReceiverId = null,
    string? ReceiverName = null, string? PlaceOfService = null, string? UsageIndicator = null, string? Separators = null);

/// <summary>The organisation's billing set-up (profile, fees, NCCI table), shared by the API and the set-up page; every change audited.</summary>
public sealed class BillingSetup(TactusDbContext db, AccessScope scope, BillingReference reference, TimeProvider time)
{
    public async Task<BillingProfile> SaveProfileAsync(ProfileInput input, CancellationToken ct)
    {
        var errors = ProfileErrors(input);
        if (errors.Count > 0)
        {
            throw new DomainRuleException("invalid-profile", string.Join(" ", errors), StatusCodes.Status422UnprocessableEntity);
        }

        var profile = await db.BillingProfiles.SingleOrDefaultAsync(ct);
        if (profile is null)
        {
            profile = new BillingProfile { OrganizationId = Organization(), LegalName = "", SubmitterId = "", ReceiverId = "", ReceiverName = "" };
            db.BillingProfiles.Add(profile);
        }

        profile.LegalName = input.LegalName!.Trim();
        (profile.Npi, profile.TaxId, profile.AddressLine, profile.City, profile.State, profile.PostalCode) =
            (Blank(input.Npi), Digits(input.TaxId), Blank(input.AddressLine), Blank(input.City), Blank(input.State)?.ToUpperInvariant(), Digits(input.PostalCode));
        (profile.ContactName, profile.ContactPhone) = (Blank(input.ContactName) ?? "BILLING DESK", Blank(input.ContactPhone));
        (profile.SubmitterId, profile.ReceiverId, profile.ReceiverName) = (input.SubmitterId!.Trim(), input.ReceiverId!.Trim(), input.ReceiverName!.Trim());
        profile.PlaceOfService = Blank(input.PlaceOfService) ?? "11";
        profile.UsageIndicator = Blank(input.UsageIndicator) ?? "T";
        if (input.Separators is { Length: 4 } s)
        {
            (profile.ElementSeparator, profile.ComponentSeparator, profile.RepetitionSeparator, profile.SegmentTerminator) = (s[0], s[1], s[2], s[3]);
        }

        await db.SaveChangesAsync(ct);
        return profile;
    }

    /// <summary>Sets fees for several codes at once; all of them are checked before any is saved.</summary>
    public async Task SaveFeesAsync(IReadOnlyDictionary<string, decimal> fees, CancellationToken ct)
    {
        var wrong = fees.Where(f => !reference.Codes.ContainsKey(f.Key) || f.Value is < 0 or > 100_000 || decimal.Round(f.Value, 2) != f.Value).Select(f => f.Key).ToList();
        if (wrong.Count > 0)
        {
            throw new DomainRuleException("invalid-fee", $"Fees are 0–100000 with at most two decimals, for codes in Tactus's list ({string.Join(", ", wrong)}).",
                StatusCodes.Status422UnprocessableEntity);
        }

        var existing = await db.FeeSchedule.ToDictionaryAsync(f => f.Code, ct);
        foreach (var (code, amount) in fees)
        {
            if (!existing.TryGetValue(code, out var fee))
            {
                fee = new FeeScheduleEntry { OrganizationId = Organization(), Code = code };
                db.FeeSchedule.Add(fee);
            }

            fee.Amount = amount;
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task<NcciEditSet> LoadNcciAsync(string sourceName, string text, CancellationToken ct)
    {
        NcciEdits parsed;
        try
        {
            parsed = NcciEdits.Parse(text);
        }
        catch (FormatException e)
        {
            throw new DomainRuleException("invalid-ncci-file", e.Message + " Nothing was loaded.", StatusCodes.Status422UnprocessableEntity);
        }

        var set = new NcciEditSet
        {
            OrganizationId = Organization(), SourceName = sourceName.Length > 200 ? sourceName[..200] : sourceName, LoadedAt = time.GetStorageNow(),
            LoadedById = scope.UserId!.Value, RowsRead = parsed.Count, Edits = [.. parsed.Relevant(reference.Codes.Keys.ToHashSet()).All],
        };
        db.NcciEditSets.Add(set);
        await db.SaveChangesAsync(ct);
        return set;
    }

    private static List<string> ProfileErrors(ProfileInput p)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(p.LegalName) || p.LegalName.Length > 60)
        {
            errors.Add("Give the legal name (at most 60 characters).");
        }

        if (!string.IsNullOrWhiteSpace(p.Npi) && !Practitioners.CredentialRules.IsValidNpi(p.Npi))
        {
            errors.Add("The NPI fails its check digit.");
        }

        if (new[] { p.SubmitterId, p.ReceiverId }.Any(id => string.IsNullOrWhiteSpace(id) || id.Trim().Length > 15) || string.IsNullOrWhiteSpace(p.ReceiverName))
        {
            errors.Add("Give the submitter and receiver ids (at most 15 characters, as the clearinghouse assigned) and the receiver's name.");
        }

        if (p.UsageIndicator is not (null or "" or "T" or "P"))
        {
            errors.Add("The usage indicator is T (test) or P (production).");
        }

        if (!string.IsNullOrEmpty(p.Separators) && (p.Separators.Length != 4
            || !new Claims.X12.X12Separators(p.Separators[0], p.Separators[1], p.Separators[2], p.Separators[3]).AreValid()))
        {
            errors.Add("Separators are four different punctuation characters: element, component, repetition, segment (e.g. \"*:^~\").");
        }

        return errors;
    }

    private Guid Organization() => scope.OrganizationId ?? throw new DomainRuleException("forbidden", "No organisation.", 403);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Digits(string? value) => value is null ? null : new string(value.Where(char.IsAsciiDigit).ToArray()) is { Length: > 0 } d ? d : null;
}
