using System.Reflection;
using System.Reflection.Emit;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Account;
using Tactus.Web.Features.Audit;

namespace Tactus.Tests;

/// <summary>
/// Boundaries kept by one test instead of by project splits (STYLE.md, "Architecture test"): pure engines
/// stay free of web and EF dependencies, and pages do not reach into another feature's pages.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>Every type marked [PureEngine]: found, not listed, so a new engine is checked the day it is marked.</summary>
    private static readonly Type[] PureEngines = typeof(Program).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<Tactus.Web.Web.PureEngineAttribute>() is not null).ToArray();

    private static readonly string[] ForbiddenInEngines = ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore"];

    [Fact]
    public void PureEngines_ReferenceNeitherAspNetCoreNorEntityFramework_NorDoTheTactusTypesTheyUse()
    {
        var offences = new List<string>();
        foreach (var engine in PureEngines)
        {
            // Follow the engine into the Tactus types it uses (records, enums, helpers), and theirs, so a dependency
            // cannot hide one step away.
            var seen = new HashSet<Type> { engine };
            var pending = new Queue<Type>([engine]);
            while (pending.TryDequeue(out var type))
            {
                foreach (var used in ReferencedTypes(type))
                {
                    if (ForbiddenInEngines.Any(prefix => used.Assembly.GetName().Name!.StartsWith(prefix, StringComparison.Ordinal)))
                    {
                        offences.Add(type == engine ? $"{engine.Name} uses {used.FullName}" : $"{engine.Name} → {type.Name} uses {used.FullName}");
                    }
                    else if (used.Assembly == typeof(Program).Assembly && seen.Add(used))
                    {
                        pending.Enqueue(used);
                    }
                }
            }
        }

        Assert.Empty(offences.Distinct());
    }

    [Fact]
    public void PureEngines_AreFoundByTheirAttribute_IncludingTheOnesOnceLeftOffTheList()
    {
        Assert.Contains(typeof(Tactus.Web.Features.Remittance.TestPayer), PureEngines);
        Assert.Contains(typeof(Tactus.Web.Features.Reports.GoalProgress), PureEngines);
        Assert.Contains(typeof(Tactus.Web.Features.Plans.MeasureSchedulePlanner), PureEngines);
        Assert.Contains(typeof(Tactus.Web.Features.Questionnaires.Administer.TrendChart), PureEngines);
    }

    [Fact]
    public void Pages_DoNotReferenceAnotherFeaturesPages()
    {
        var pages = typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract).ToList();

        var offences = pages
            .SelectMany(page => ReferencedTypes(page).Where(pages.Contains).Where(other => Feature(other) != Feature(page))
                .Select(other => $"{page.FullName} uses {other.FullName}"))
            .ToList();

        Assert.NotEmpty(pages);
        Assert.Empty(offences);
    }

    /// <summary>
    /// A page calls workflows and queries; the route tables (…Api classes) are the HTTP face of the same code, not a
    /// library (the billing desk once downloaded the 837P through ClaimsApi and described an import with RemittanceApi).
    /// </summary>
    [Fact]
    public void Pages_CallNoApiClass()
    {
        var pages = typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        var apis = typeof(Program).Assembly.GetTypes().Where(t => t is { IsAbstract: true, IsSealed: true } && t.Name.EndsWith("Api", StringComparison.Ordinal)).ToHashSet();

        var offences = pages.SelectMany(page => ReferencedTypes(page).Where(apis.Contains).Select(api => $"{page.FullName} uses {api.FullName}")).ToList();

        Assert.Contains(typeof(Tactus.Web.Features.Claims.ClaimsApi), apis);
        Assert.Empty(offences);
    }

    [Fact]
    public void ReferencedTypes_SeesTypesUsedOnlyInsideMethodBodies()
    {
        var used = ReferencedTypes(typeof(AuditChain));

        Assert.Contains(typeof(System.Security.Cryptography.SHA256), used);
    }

    private static string? Feature(Type type) => type.Namespace?.Split('.').ElementAtOrDefault(3);

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>Types in signatures, fields, base types and every token the IL of every method touches.</summary>
    private static HashSet<Type> ReferencedTypes(Type type)
    {
        var types = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null)
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
                return;
            }

            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                t.GetGenericArguments().ToList().ForEach(Add);
                t = t.GetGenericTypeDefinition();
            }

            types.Add(t);
        }

        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var nested = type.GetNestedTypes(all).Append(type);
        foreach (var t in nested)
        {
            Add(t.BaseType);
            t.GetInterfaces().ToList().ForEach(Add);
            t.GetFields(all).ToList().ForEach(f => Add(f.FieldType));
            foreach (var method in t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all)))
            {
                if (method is MethodInfo info)
                {
                    Add(info.ReturnType);
                }

                method.GetParameters().ToList().ForEach(p => Add(p.ParameterType));
                var body = method.GetMethodBody();
                body?.LocalVariables.ToList().ForEach(l => Add(l.LocalType));
                foreach (var token in Tokens(body?.GetILAsByteArray()))
                {
                    try
                    {
                        switch (method.Module.ResolveMember(token, t.IsGenericType ? t.GetGenericArguments() : null,
                                    method.IsGenericMethod ? method.GetGenericArguments() : null))
                        {
                            case Type used: Add(used); break;
                            case MethodBase called: Add(called.DeclaringType); break;
                            case FieldInfo field: Add(field.DeclaringType); Add(field.FieldType); break;
                        }
                    }
                    catch (ArgumentException)
                    {
                        // String and signature tokens resolve to no member.
                    }
                }
            }
        }

        return types;
    }

    private static IEnumerable<int> Tokens(byte[]? il)
    {
        for (var i = 0; il is not null && i < il.Length;)
        {
            var value = il[i] == 0xFE ? unchecked((short)(0xFE00 | il[i + 1])) : il[i];
            var opCode = OpCodesByValue[value];
            i += opCode.Size;
            switch (opCode.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    yield return BitConverter.ToInt32(il, i);
                    i += 4;
                    break;
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + (BitConverter.ToInt32(il, i) * 4); break;
                default: i += 4; break;
            }
        }
    }
}
