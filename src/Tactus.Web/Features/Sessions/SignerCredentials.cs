using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Practitioners;

namespace Tactus.Web.Features.Sessions;

/// <summary>
/// Who signed, as a signature reads on a clinical note: name, discipline and licence ("Maya Chen, LMT — massage
/// therapist, licence OR MT-12345"), so a physician or payer knows the note is by a licensed professional.
/// </summary>
public static class SignerCredentials
{
    public static async Task<string> DescribeAsync(TactusDbContext db, Guid userId, DateOnly on, CancellationToken cancellationToken)
    {
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "a former staff member";
        var practitioner = await db.Practitioners.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (practitioner is null)
        {
            return name;
        }

        var licence = practitioner.Licences.Where(l => l.Status == LicenceStatus.Active && l.ExpiresOn >= on).OrderByDescending(l => l.ExpiresOn).FirstOrDefault()
            ?? practitioner.Licences.OrderByDescending(l => l.ExpiresOn).FirstOrDefault();
        var discipline = practitioner.Discipline.Replace('-', ' ');
        return licence is null ? $"{name} — {discipline}" : $"{name} — {discipline}, licence {licence.State} {licence.Number}";
    }
}
