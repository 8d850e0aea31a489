using Microsoft.AspNetCore.Http.HttpResults;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Billing;

public static class UnitsApi
{
    public sealed record UnitsRequest(string? Rule = null, List<UnitsService>? Services = null);

    public sealed record UnitsService(string? Code, int Minutes, bool? Timed = null);

    public static IEndpointRouteBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/billing/units", Calculate).RequireAuthorization(Policies.Staff);
        return app;
    }

    /// <summary>Stateless: a biller or an integrator checks a case; nothing is stored and no patient is involved.</summary>
    private static Results<Ok<UnitResult>, ValidationProblem> Calculate(UnitsRequest request, BillingReference reference)
    {
        var errors = new Dictionary<string, string[]>();
        TimedUnitRule? rule = request.Rule?.Trim().ToLowerInvariant() switch
        {
            "cms" => TimedUnitRule.Cms,
            "ama" => TimedUnitRule.Ama,
            _ => null,
        };
        if (rule is null)
        {
            errors["rule"] = ["Give the rule: \"cms\" (Medicare 8-minute rule, minutes pooled) or \"ama\" (substantial portion, each code on its own)."];
        }

        var services = request.Services ?? [];
        if (services.Count is 0 or > 30)
        {
            errors["services"] = ["Give between 1 and 30 services, each with a code and its minutes."];
        }

        var problems = services.Select((s, i) => Problem(s, reference) is { } p ? $"services[{i}]: {p}" : null).OfType<string>().ToList();
        if (problems.Count > 0)
        {
            errors["services"] = [.. problems];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var minutes = services.Select(s => new ServiceMinutes(s.Code!.Trim().ToUpperInvariant(), s.Minutes, s.Timed ?? reference.IsTimed(s.Code.Trim().ToUpperInvariant())!.Value));
        return TypedResults.Ok(UnitCalculator.Calculate(minutes, rule!.Value));
    }

    private static string? Problem(UnitsService service, BillingReference reference)
    {
        var code = service.Code?.Trim().ToUpperInvariant();
        if (code is null || code.Length != 5 || !code.All(char.IsAsciiLetterOrDigit))
        {
            return "a CPT/HCPCS code is five letters or digits.";
        }

        if (service.Minutes is < 0 or > 1440)
        {
            return "minutes must be between 0 and 1440 (one day).";
        }

        return service.Timed is null && reference.IsTimed(code) is null
            ? $"{code} is not in Tactus's code list; say whether it is timed (\"timed\": true or false)."
            : null;
    }
}
