/// Datasets: validation of user columns (naming the column and the row), counting, frequencies, filtering, numeric
/// views and CSV output, all against small tables counted by hand.
module CausalScript.Tests.Data.DatasetTests

open System
open System.Globalization
open System.IO
open System.Threading
open Expecto
open CausalScript
open CausalScript.Models
open CausalScript.Data
open CausalScript.Tests.Graphs

let private contains = ExpectSets.contains

let private column (v: Variable) (values: Array) = struct (v, values)

let private dataError (col: string) (row: int) (f: unit -> unit) =
    let e = ExpectSets.throws<DataException> f "expected a DataException"
    Expect.equal (string e.Column) col $"names column {col} ({e.Message})"
    Expect.equal e.Row row $"names row {row} ({e.Message})"
    e

let private S = Variable.Categorical("S", [ "no"; "yes" ])
let private C = Variable.Bool "C"
let private K = Variable.Range("K", -2, 0)
let private X = Variable.Real "X"

/// Four rows counted by hand:      S    C      K    X
///                                 yes  true   -2   0.5
///                                 no   false   0   1.5
///                                 yes  false  -1   2.0
///                                 yes  true   -2   4.0
let private small () =
    Dataset.FromColumns(
        [ column S [| 1; 0; 1; 1 |]
          column C [| 1; 0; 0; 1 |]
          column K [| 0; 2; 1; 0 |]
          column X [| 0.5; 1.5; 2.0; 4.0 |] ])

[<Tests>]
let tests =
    testList "Data.Dataset" [
        testCase "FromColumns rejects columns of the wrong length, type or content, naming the column and the row" <| fun () ->
            let e = dataError "C" -1 (fun () -> Dataset.FromColumns([ column S [| 0; 1; 1 |]; column C [| 0; 1 |] ]) |> ignore)
            contains e.Message "Column 'C' has 2 rows; the first column has 3" "length"
            let e = dataError "C" 2 (fun () -> Dataset.FromColumns([ column C [| 0; 1; 2; 1 |] ]) |> ignore)
            contains e.Message "Row 2 of column 'C' holds code 2, outside its domain {false, true} (codes 0..1)" "code too large"
            let e = dataError "K" 1 (fun () -> Dataset.FromColumns([ column K [| 0; -1 |] ]) |> ignore)
            contains e.Message "Row 1 of column 'K' holds code -1" "negative code"
            let e = dataError "X" 3 (fun () -> Dataset.FromColumns([ column X [| 0.0; 1.0; 2.0; nan |] ]) |> ignore)
            contains e.Message "Row 3 of column 'X' is NaN" "NaN"
            dataError "X" 0 (fun () -> Dataset.FromColumns([ column X [| infinity |] ]) |> ignore) |> ignore
            let e = dataError "X" -1 (fun () -> Dataset.FromColumns([ column X [| 1; 2 |] ]) |> ignore)
            contains e.Message "Column 'X' is a Int32[], but a real variable needs double[]" "ints for a real"
            let e = dataError "S" -1 (fun () -> Dataset.FromColumns([ column S [| 1.0 |] ]) |> ignore)
            contains e.Message "a finite variable needs int[] codes" "doubles for a finite variable"
            let e = dataError "S" -1 (fun () -> Dataset.FromColumns([ column S [| 1 |]; column S [| 0 |] ]) |> ignore)
            contains e.Message "Column 'S' appears twice" "duplicate"
            let empty = Dataset.FromColumns([])
            Expect.equal (empty.RowCount, empty.Variables.Count) (0, 0) "no columns"

        testCase "FromColumns copies its input; columns, values and lookups by name" <| fun () ->
            let codes = [| 1; 0; 1 |]
            let d = Dataset.FromColumns([ column S codes ])
            codes[0] <- 0
            Expect.equal (d.Codes(S)[0]) 1 "later changes to the input do not leak in"
            let d = small ()
            Expect.equal d.RowCount 4 "rows"
            Expect.equal [ for v in d.Variables -> v.Name ] [ "S"; "C"; "K"; "X" ] "columns in order"
            Expect.equal (d["K"]) K "by name"
            Expect.isTrue (d.Contains "X") "contains"
            Expect.isFalse (d.Contains "x") "case-sensitive"
            Expect.equal (d.Value(0, S)) (("yes" :> obj)) "label"
            Expect.equal (d.Value(1, C)) (false :> obj) "bool"
            Expect.equal (d.Value(2, K)) (-1 :> obj) "integer value, not code"
            Expect.equal (d.Value(3, X)) (4.0 :> obj) "real"
            let e = dataError "Kk" -1 (fun () -> d["Kk"] |> ignore)
            contains e.Message "The dataset has no column 'Kk'. Did you mean 'K'?" "suggestion"
            let e = dataError "X" -1 (fun () -> d.Codes(X).Length |> ignore)
            contains e.Message "Column 'X' is real-valued; it has no codes" "codes of a real"
            let e = dataError "C" -1 (fun () -> d.Reals(C).Length |> ignore)
            contains e.Message "Column 'C' is finite" "reals of a finite"
            Expect.equal (string d) "Dataset: 4 rows × 4 columns (S, C, K, X)" "text"

        testCase "Count and Frequencies match the hand counts; axes follow the request" <| fun () ->
            let d = small ()
            Expect.equal (d.Count([ S.Is "yes" ])) 3 "S = yes"
            Expect.equal (d.Count([ S.Is "yes"; C.Is true ])) 2 "S = yes, C = true"
            Expect.equal (d.Count([ S.Is "no"; C.Is true ])) 0 "S = no, C = true"
            Expect.equal (d.Count([ K.Is -2 ])) 2 "K = -2 (code 0)"
            Expect.equal (d.Count([])) 4 "no condition"
            let f = d.Frequencies([ C; S ])
            Expect.equal [ for v in f.Variables -> v.Name ] [ "C"; "S" ] "axes"
            Expect.equal f[[| C.Is true; S.Is "yes" |]] 0.5 "(true, yes): rows 0, 3"
            Expect.equal f[[| C.Is false; S.Is "yes" |]] 0.25 "(false, yes): row 2"
            Expect.equal f[[| C.Is false; S.Is "no" |]] 0.25 "(false, no): row 1"
            Expect.equal f[[| C.Is true; S.Is "no" |]] 0.0 "(true, no): none"
            Expect.equal f.Total 1.0 "sums to 1"
            let k = d.Frequencies([ K ])
            Expect.sequenceEqual k.Values [ 0.5; 0.25; 0.25 ] "K in domain order -2, -1, 0"
            let e = dataError "X" -1 (fun () -> d.Frequencies([ X ]) |> ignore)
            contains e.Message "frequencies need finite variables" "real"
            let e = dataError "X" -1 (fun () -> d.Count([ X.Is 0.5 ]) |> ignore)
            contains e.Message "counts need finite variables" "real"
            let empty = Dataset.FromColumns([ struct (C, Array.empty<int> :> Array) ])
            let e = ExpectSets.throws<DataException> (fun () -> empty.Frequencies([ C ]) |> ignore) "empty"
            contains e.Message "no rows" "frequencies of nothing are undefined"

        testCase "Where keeps the matching rows in order, as a new dataset" <| fun () ->
            let d = small ()
            let smokers = d.Where([ S.Is "yes" ])
            Expect.equal smokers.RowCount 3 "three smokers"
            Expect.sequenceEqual (smokers.Reals(X).ToArray()) [| 0.5; 2.0; 4.0 |] "rows 0, 2, 3 in order"
            Expect.sequenceEqual (smokers.Numeric(K)) [| -2.0; -1.0; -2.0 |] "other columns follow"
            let both = d.Where([ S.Is "yes"; C.Is false ])
            Expect.equal both.RowCount 1 "one row"
            Expect.equal (both.Value(0, K)) (-1 :> obj) "row 2"
            let none = d.Where([ S.Is "no"; C.Is true ])
            Expect.equal (none.RowCount, none.Variables.Count) (0, 4) "no rows, same columns"
            Expect.equal d.RowCount 4 "the original is unchanged"
            // A real column cannot be matched by code: a DataException naming it, as for Count and Frequencies.
            let e = dataError "X" -1 (fun () -> d.Where([ X.Is 0.5 ]) |> ignore)
            contains e.Message "'X' is real-valued" "Where on a real column"

        testCase "Numeric and Mean read bools as 0/1, integers as values, categories as codes" <| fun () ->
            let d = small ()
            Expect.sequenceEqual (d.Numeric(C)) [| 1.0; 0.0; 0.0; 1.0 |] "bool"
            Expect.sequenceEqual (d.Numeric(K)) [| -2.0; 0.0; -1.0; -2.0 |] "integer range"
            Expect.sequenceEqual (d.Numeric(S)) [| 1.0; 0.0; 1.0; 1.0 |] "categorical codes"
            let xs = d.Numeric(X)
            xs[0] <- 100.0
            Expect.equal (d.Reals(X)[0]) 0.5 "Numeric returns a copy"
            Expect.equal (d.Mean(K)) -1.25 "(-2 + 0 - 1 - 2)/4"
            Expect.equal (d.Mean(X)) 2.0 "(0.5 + 1.5 + 2 + 4)/4"
            Expect.isTrue (Double.IsNaN((d.Where([ S.Is "no"; C.Is true ])).Mean(X))) "mean of nothing"

        testCase "WriteCsv: header, labels (quoted when needed), true/false, integer values, invariant round-trip reals" <| fun () ->
            let G = Variable.Categorical("Group", [ "a, b"; "say \"hi\""; " padded"; "plain" ])
            let Q = Variable.Real "x,y"
            let d =
                Dataset.FromColumns(
                    [ column G [| 0; 1; 2; 3 |]
                      column K [| 0; 1; 2; 0 |]
                      column C [| 1; 0; 1; 0 |]
                      column Q [| 0.1; -1.5e-10; 1.0 / 3.0; 1e21 |] ])
            let expected =
                [ "Group,K,C,\"x,y\""
                  "\"a, b\",-2,true,0.1"
                  "\"say \"\"hi\"\"\",-1,false,-1.5E-10"
                  "\" padded\",0,true,0.3333333333333333"
                  "plain,-2,false,1E+21" ]
            // Under a culture with a decimal comma the output must not change.
            let previous = Thread.CurrentThread.CurrentCulture
            try
                Thread.CurrentThread.CurrentCulture <- CultureInfo "de-DE"
                use writer = new StringWriter(NewLine = "\n")
                d.WriteCsv(writer)
                Expect.equal (writer.ToString()) (String.Join("\n", expected) + "\n") "CSV text"
            finally
                Thread.CurrentThread.CurrentCulture <- previous
            // To a file: the same lines, UTF-8 without a byte-order mark.
            let path = Path.Combine(Path.GetTempPath(), $"causalscript-dataset-{Guid.NewGuid():N}.csv")
            try
                d.WriteCsv(path)
                let bytes = File.ReadAllBytes path
                Expect.isFalse (bytes.Length >= 3 && bytes[0] = 0xEFuy && bytes[1] = 0xBBuy && bytes[2] = 0xBFuy) "no BOM"
                Expect.sequenceEqual (File.ReadAllLines path) expected "file lines"
            finally
                File.Delete path
            // An empty dataset writes only the header.
            use writer = new StringWriter(NewLine = "\n")
            Dataset.FromColumns([ column C Array.empty<int> ]).WriteCsv(writer)
            Expect.equal (writer.ToString()) "C\n" "header only"
    ]
