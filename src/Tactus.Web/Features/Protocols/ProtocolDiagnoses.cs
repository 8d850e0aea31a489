using System.Linq.Expressions;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.Protocols;

/// <summary>
/// Which referrals a protocol of the library covers, as one SQL predicate: a referral diagnosis under any of the
/// protocol's ICD-10 prefixes. The cohorts of a bulk export and the programme's outcomes by condition both count
/// through it, so a condition means the same patients everywhere.
/// </summary>
public static class ProtocolDiagnoses
{
    public static Expression<Func<Referral, bool>> Covers(ClinicalReference.Protocol protocol)
    {
        var diagnosis = Expression.Parameter(typeof(ReferralDiagnosis), "d");
        var code = Expression.Property(diagnosis, nameof(ReferralDiagnosis.Code));
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        var matches = protocol.Icd10Prefixes
            .Select(prefix => (Expression)Expression.Call(code, startsWith, Expression.Constant(ContraindicationEngine.NormalizeCode(prefix))))
            .Aggregate(Expression.OrElse);
        var named = Expression.Lambda<Func<ReferralDiagnosis, bool>>(matches, diagnosis);
        return r => r.Diagnoses.AsQueryable().Any(named);
    }
}
