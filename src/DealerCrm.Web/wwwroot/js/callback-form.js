// The call form: show the parts that belong to the chosen outcome (answers for "reached", the agreed time for "call
// later"), and a question's reason only when the answer is a problem ("no", or "yes" to other problems). Without
// script every part stays visible and the server checks the same rules.
(function () {
    "use strict";
    var outcome = document.getElementById("Input_Outcome");
    function showOutcome() {
        var value = outcome ? outcome.value : "";
        document.querySelectorAll("[data-for-outcome]").forEach(function (part) {
            part.hidden = value !== "" && part.getAttribute("data-for-outcome").split(" ").indexOf(value) < 0;
        });
    }
    if (outcome) {
        outcome.addEventListener("change", showOutcome);
        showOutcome();
    }
    document.querySelectorAll("[data-question]").forEach(function (question) {
        var problem = question.getAttribute("data-problem-value");
        var detail = question.querySelector(".answer-detail");
        function refresh() {
            var chosen = question.querySelector("input[type=radio]:checked");
            var invalid = detail && detail.querySelector(".field-validation-error:not(:empty)");
            if (detail) { detail.hidden = !invalid && !(chosen && chosen.value === problem); }
        }
        question.querySelectorAll("input[type=radio]").forEach(function (r) { r.addEventListener("change", refresh); });
        refresh();
    });
})();
