/// Finding, testing and listing m-separators (graph-algorithms.md §1): the worked examples 1c–1f and agreement with
/// subset enumeration (FindSep, FindMinSep, TestMinSep, ListSep, ListMinSep, with random I and R).
module CausalScript.Tests.Graphs.Criteria.SeparatorsTests

open System
open Expecto
open CausalScript.Graphs
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Graphs.Generators

let private g1c = "dag{ a -> b -> c -> d; b <-> d }"
let private g1d = "dag{ x <- a -> m -> y; x <- b -> m }"
let private g1f = "dag{ a -> c <- b }"

let fixtures =
    testList "fixtures" [
        testCase "§1 1c: FindMinSep(a,d) = null (the Verma pair has no separator)" <| fun () ->
            let g = Admg.Parse g1c
            ExpectSets.none (g.FindMinimalSeparator([ "a" ], [ "d" ])) "FindMinimalSeparator(a,d)"
            ExpectSets.none (g.FindSeparator([ "a" ], [ "d" ])) "FindSeparator(a,d)"
            ExpectSets.sets (g.ListMinimalSeparators([ "a" ], [ "d" ])) [] "ListMinimalSeparators(a,d)"
            ExpectSets.sets (g.ListSeparators([ "a" ], [ "d" ])) [] "ListSeparators(a,d)"
        testCase "§1 1d: FindMinSep(x,y) = {a,b} (the minimal separator nearest x)" <| fun () ->
            ExpectSets.set ((Admg.Parse g1d).FindMinimalSeparator([ "x" ], [ "y" ])) [ "a"; "b" ] "FindMinimalSeparator(x,y)"
        testCase "§1 1d: FindMinSep(y,x) = {m}" <| fun () ->
            ExpectSets.set ((Admg.Parse g1d).FindMinimalSeparator([ "y" ], [ "x" ])) [ "m" ] "FindMinimalSeparator(y,x)"
        testCase "§1 1d: ListMinSep(x,y) = {m}, {a,b}" <| fun () ->
            ExpectSets.sets ((Admg.Parse g1d).ListMinimalSeparators([ "x" ], [ "y" ])) [ [ "m" ]; [ "a"; "b" ] ] "ListMinimalSeparators(x,y)"
        testCase "§1 1e: ListMinSep(x,y) I={a} = {a,m}, {a,b}" <| fun () ->
            ExpectSets.sets ((Admg.Parse g1d).ListMinimalSeparators([ "x" ], [ "y" ], mustContain = [ "a" ]))
                [ [ "a"; "m" ]; [ "a"; "b" ] ] "ListMinimalSeparators I={a}"
        testCase "§1 1e: ListMinSep(x,y) R=V∖{m} = {a,b}" <| fun () ->
            ExpectSets.sets ((Admg.Parse g1d).ListMinimalSeparators([ "x" ], [ "y" ], allowed = [ "a"; "b" ]))
                [ [ "a"; "b" ] ] "ListMinimalSeparators R={a,b}"
        testCase "§1 1e: FindMinSep(x,y) I={a} = {a,b}" <| fun () ->
            ExpectSets.set ((Admg.Parse g1d).FindMinimalSeparator([ "x" ], [ "y" ], mustContain = [ "a" ])) [ "a"; "b" ] "FindMinimalSeparator I={a}"
        testCase "§1 1f: FindMinSep(a,b) = ∅ (not null)" <| fun () ->
            ExpectSets.set ((Admg.Parse g1f).FindMinimalSeparator([ "a" ], [ "b" ])) [] "FindMinimalSeparator(a,b)"
        testCase "§1 1f: ListMinSep(a,b) = [∅]" <| fun () ->
            ExpectSets.sets ((Admg.Parse g1f).ListMinimalSeparators([ "a" ], [ "b" ])) [ [] ] "ListMinimalSeparators(a,b)"
        testCase "§1 1f: FindSep(a,b) = ∅ and ListSep(a,b) = [∅] (the collider c never separates)" <| fun () ->
            let g = Admg.Parse g1f
            ExpectSets.set (g.FindSeparator([ "a" ], [ "b" ])) [] "FindSeparator(a,b)"
            ExpectSets.sets (g.ListSeparators([ "a" ], [ "b" ])) [ [] ] "ListSeparators(a,b)"
        testCase "§1 pitfall: a <-> b <-> c: ListMinSep(a,c) = [∅] (districts of the augmented graph are taken in G[A])" <| fun () ->
            let g = Admg.Parse "dag{ a <-> b <-> c }"
            ExpectSets.sets (g.ListMinimalSeparators([ "a" ], [ "c" ])) [ [] ] "ListMinimalSeparators(a,c)"
            ExpectSets.set (g.FindMinimalSeparator([ "a" ], [ "c" ])) [] "FindMinimalSeparator(a,c)"
        testCase "§1 1d: IsMinimalSeparator: {m} and {a,b} yes; {a,b,m} and {a} no" <| fun () ->
            let g = Admg.Parse g1d
            Expect.isTrue (g.IsMinimalSeparator([ "x" ], [ "y" ], [ "m" ])) "{m}"
            Expect.isTrue (g.IsMinimalSeparator([ "x" ], [ "y" ], [ "a"; "b" ])) "{a,b}"
            Expect.isFalse (g.IsMinimalSeparator([ "x" ], [ "y" ], [ "a"; "b"; "m" ])) "{a,b,m}"
            Expect.isFalse (g.IsMinimalSeparator([ "x" ], [ "y" ], [ "a" ])) "{a} does not separate"
        testCase "§1 1e: IsMinimalSeparator I={a}: {a,m} yes" <| fun () ->
            Expect.isTrue ((Admg.Parse g1d).IsMinimalSeparator([ "x" ], [ "y" ], [ "a"; "m" ], [ "a" ])) "{a,m} is {a}-minimal"
        testCase "§1: ListSeparators and maxResults" <| fun () ->
            let g = Admg.Parse g1d
            ExpectSets.sets (g.ListSeparators([ "x" ], [ "y" ])) [ [ "m" ]; [ "a"; "b" ]; [ "a"; "m" ]; [ "b"; "m" ]; [ "a"; "b"; "m" ] ] "ListSeparators"
            Expect.equal (Seq.length (g.ListSeparators([ "x" ], [ "y" ], maxResults = 2))) 2 "maxResults = 2"
            Expect.equal (Seq.length (g.ListMinimalSeparators([ "x" ], [ "y" ], maxResults = 1))) 1 "maxResults = 1"
            Expect.equal (Seq.length (g.ListMinimalSeparators([ "x" ], [ "y" ], maxResults = 0))) 0 "maxResults = 0"
        testCase "§1: a cancelled token stops ListSeparators" <| fun () ->
            let g = Admg.Parse g1d
            use cts = new Threading.CancellationTokenSource()
            cts.Cancel()
            Expect.throwsT<OperationCanceledException> (fun () -> g.ListSeparators([ "x" ], [ "y" ], cancellationToken = cts.Token) |> Seq.iter ignore) "cancelled"
    ]

let private randomIR rng = Generators.randomIR rng 0.7 0.25 2

let private describe = describeQuery

let properties =
    testList "properties (§10)" [
        forGraphs "§10: FindSeparator is null iff no separator in [I,R], else a separator in [I,R]" 5000 250 latentAdmgs <| fun rng r g ->
            for _ in 1..2 do
                let xs, ys = randomXY rng r 2 2
                let i, rr, iSet, rSet = randomIR rng r xs ys
                let brute = separators r xs ys iSet rSet
                match ExpectSets.toSet (g.FindSeparator(xs, ys, i, rr)) with
                | None -> if not brute.IsEmpty then failtestf "%s: null, but %s separate" (describe xs ys iSet rSet) (fmtSets brute)
                | Some z ->
                    if not (List.contains z brute) then failtestf "%s: %s is not a separator in [I,R]" (describe xs ys iSet rSet) (fmt z)
        forGraphs "§10: ListSeparators = all separators in [I,R] (complete, no duplicates)" 6000 200 latentAdmgs <| fun rng r g ->
            let xs, ys = randomXY rng r 2 2
            let i, rr, iSet, rSet = randomIR rng r xs ys
            ExpectSets.family (g.ListSeparators(xs, ys, i, rr)) (separators r xs ys iSet rSet) (describe xs ys iSet rSet)
        forGraphs "§10: ListMinimalSeparators = brute-force I-minimal separators (default I, R)" 7000 300 admgs <| fun rng r g ->
            let xs, ys = randomXY rng r 2 2
            let rSet = defaultRestrict r xs ys
            ExpectSets.family (g.ListMinimalSeparators(xs, ys)) (minimalSeparators r xs ys Set.empty rSet) (describe xs ys Set.empty rSet)
        forGraphs "§10: ListMinimalSeparators = brute-force I-minimal separators (random I, R, latents)" 8000 300 latentAdmgs <| fun rng r g ->
            let xs, ys = randomXY rng r 2 2
            let i, rr, iSet, rSet = randomIR rng r xs ys
            ExpectSets.family (g.ListMinimalSeparators(xs, ys, i, rr)) (minimalSeparators r xs ys iSet rSet) (describe xs ys iSet rSet)
        forGraphs "§10: FindMinimalSeparator is null iff none, else a member of the brute-force I-minimal list" 9000 300 latentAdmgs <| fun rng r g ->
            let xs, ys = randomXY rng r 2 2
            let i, rr, iSet, rSet = randomIR rng r xs ys
            let brute = minimalSeparators r xs ys iSet rSet
            match ExpectSets.toSet (g.FindMinimalSeparator(xs, ys, i, rr)) with
            | None -> if not brute.IsEmpty then failtestf "%s: null, but the I-minimal separators are %s" (describe xs ys iSet rSet) (fmtSets brute)
            | Some z ->
                if not (List.contains z brute) then
                    failtestf "%s: %s is not I-minimal; the I-minimal separators are %s" (describe xs ys iSet rSet) (fmt z) (fmtSets brute)
        forGraphs "§10: IsMinimalSeparator agrees with brute force" 10000 300 latentAdmgs <| fun rng r g ->
            let xs, ys = randomXY rng r 2 2
            let candidates = defaultRestrict r xs ys
            let minimal = minimalSeparators r xs ys Set.empty candidates
            // Half of the time a (possibly) minimal separator plus noise, otherwise a random set.
            let zs =
                if not minimal.IsEmpty && rng.Next 2 = 0 then
                    let m = minimal[rng.Next minimal.Length]
                    if rng.Next 2 = 0 then m else Set.union m (randomSubset rng 0.3 candidates)
                else randomSubset rng 0.4 candidates
            let iSet = if rng.Next 3 = 0 then randomSubset rng 0.3 zs else Set.empty
            let expected = List.contains zs (minimalSeparators r xs ys iSet zs)
            let actual = g.IsMinimalSeparator(xs, ys, zs, iSet)
            if actual <> expected then
                failtestf "IsMinimalSeparator(X=%s, Y=%s, Z=%s, I=%s): library %b, brute force %b" (fmt xs) (fmt ys) (fmt zs) (fmt iSet) actual expected
    ]

let largeGraphs =
    testList "large graphs" [
        forGraphs "oracle self-check: I-minimality by single removal = subset enumeration" 10500 300 latentAdmgs <| fun rng r _ ->
            let xs, ys = randomXY rng r 2 2
            let candidates = defaultRestrict r xs ys
            let zs = randomSubset rng 0.4 candidates
            let iSet = randomSubset rng 0.3 zs
            let bySubsets = List.contains zs (minimalSeparators r xs ys iSet zs)
            if bySubsets <> isMinimalSeparatorBySingleRemoval r xs ys iSet zs then
                failtestf "oracles disagree on X=%s Y=%s Z=%s I=%s" (fmt xs) (fmt ys) (fmt zs) (fmt iSet)
        forGraphs "§1: FindSeparator, FindMinimalSeparator, IsMinimalSeparator and ListMinimalSeparators on 65–150-node graphs" 10700 60 large <| fun rng r g ->
            for _ in 1..3 do
                let xs, ys = randomXY rng r 2 2
                let candidates = defaultRestrict r xs ys
                let rSet = if rng.Next 2 = 0 then candidates else randomSubset rng 0.8 candidates
                let iSet = if rng.Next 2 = 0 then Set.empty else randomSubset rng 0.02 rSet
                let q = sprintf "X=%s Y=%s |I|=%d |R|=%d" (fmt xs) (fmt ys) iSet.Count rSet.Count
                // A separator in [I, R] exists iff Z0 = (An(X ∪ Y ∪ I) ∩ R) \ (X ∪ Y) separates (vZLT19).
                let z0 = Set.intersect (ancestors r (xs + ys + iSet)) rSet - xs - ys
                let exists = mSeparatedAugmented r xs ys z0
                match ExpectSets.toSet (g.FindSeparator(xs, ys, iSet, rSet)) with
                | None -> if exists then failtestf "%s: FindSeparator null, but %s separates" q (fmt z0)
                | Some z ->
                    if not exists then failtestf "%s: FindSeparator returned %s, but no separator exists" q (fmt z)
                    if not (Set.isSubset iSet z && Set.isSubset z rSet && mSeparatedAugmented r xs ys z) then
                        failtestf "%s: FindSeparator returned %s, not a separator in [I,R]" q (fmt z)
                match ExpectSets.toSet (g.FindMinimalSeparator(xs, ys, iSet, rSet)) with
                | None -> if exists then failtestf "%s: FindMinimalSeparator null, but a separator exists" q
                | Some z ->
                    if not (Set.isSubset z rSet && isMinimalSeparatorBySingleRemoval r xs ys iSet z) then
                        failtestf "%s: FindMinimalSeparator returned %s, not I-minimal" q (fmt z)
                    Expect.isTrue (g.IsMinimalSeparator(xs, ys, z, iSet)) (q + ": IsMinimalSeparator(FindMinimalSeparator)")
                    let extra = rSet - z
                    if not extra.IsEmpty then
                        let bigger = z.Add(Seq.item (rng.Next extra.Count) extra)
                        let expected = isMinimalSeparatorBySingleRemoval r xs ys iSet bigger
                        Expect.equal (g.IsMinimalSeparator(xs, ys, bigger, iSet)) expected (sprintf "%s: IsMinimalSeparator(%s)" q (fmt bigger))
                let listed = g.ListMinimalSeparators(xs, ys, iSet, rSet, maxResults = 5) |> Seq.map Set.ofSeq |> List.ofSeq
                if exists = listed.IsEmpty then failtestf "%s: ListMinimalSeparators returned %d sets, a separator exists: %b" q listed.Length exists
                if listed.Length <> (Set.ofList listed).Count then failtestf "%s: duplicates in ListMinimalSeparators" q
                for z in listed do
                    if not (Set.isSubset z rSet && isMinimalSeparatorBySingleRemoval r xs ys iSet z) then
                        failtestf "%s: ListMinimalSeparators returned %s, not I-minimal" q (fmt z)
    ]

[<Tests>]
let tests = testList "Graphs.Criteria.Separators" [ fixtures; properties; largeGraphs ]
