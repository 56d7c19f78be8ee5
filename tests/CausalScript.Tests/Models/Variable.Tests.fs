module CausalScript.Tests.Models.VariableTests

open Expecto
open CausalScript
open CausalScript.Models

[<Tests>]
let tests =
    testList "Models.Variable" [
        testCase "domains index their values and print themselves" <| fun () ->
            let smoking = Variable.Categorical("smoking", [ "no"; "yes" ])
            Expect.equal (smoking.Is("yes").Index) 1 "label index"
            Expect.equal (string (smoking.Is "no")) "smoking = no" "assignment text"
            let dose = Variable.Range("dose", -1, 2)
            Expect.equal dose.Size 4 "range size"
            Expect.equal (dose.Is(2).Index) 3 "int index"
            Expect.equal (dose.Is(-1).Value :?> int) -1 "value round trip"
            Expect.equal (string dose.Domain) "{-1..2}" "range text"
            let b = Variable.Bool "b"
            Expect.equal (b.Is(true).Index) 1 "true = 1"
            Expect.equal (b.Is("false").Index) 0 "label false"
            Expect.equal (string Domain.Bool) "{false, true}" "bool text"
            let x = Variable.Real "x"
            Expect.equal (x.Is(2.5).RealValue) 2.5 "real value"
            Expect.equal (x.Is(2.5).Index) -1 "no index"

        testCase "values outside the domain name the variable and list the domain" <| fun () ->
            let smoking = Variable.Categorical("smoking", [ "no"; "yes" ])
            let e = Expect.throwsC (fun () -> smoking.Is "maybe" |> ignore) id
            Expect.stringContains e.Message "'maybe' is not a value of 'smoking'; its domain is {no, yes}" "message"
            let e = Expect.throwsC (fun () -> (Variable.Range("d", 0, 3)).Is 4 |> ignore) id
            Expect.stringContains e.Message "4 is not a value of 'd'" "range message"
            Expect.throwsT<CausalScriptException> (fun () -> Domain.Categorical([ "a"; "a" ]) |> ignore) "duplicate label"
            Expect.throwsT<CausalScriptException> (fun () -> Domain.IntegerRange(3, 2) |> ignore) "empty range"
            Expect.throwsT<CausalScriptException> (fun () -> (Variable.Real "x").Is "high" |> ignore) "real variable, label value"

        testCase "variables are equal by name" <| fun () ->
            Expect.equal (Variable.Bool "x") (Variable.Bool "x") "same name"
            Expect.notEqual (Variable.Bool "x") (Variable.Bool "y") "different names"
    ]
