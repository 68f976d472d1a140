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
    // The "customer complains" branch: any problem answer or a dissatisfied rating raises a grievance on saving, so
    // the time the customer agreed for the manager's call is put in front of the officer.
    var branch = document.querySelector("[data-complaint-branch]");
    var satisfaction = document.getElementById("Input_Satisfaction");
    function complains() {
        var problem = false;
        document.querySelectorAll("[data-question]").forEach(function (question) {
            var chosen = question.querySelector("input[type=radio]:checked");
            if (chosen && chosen.value === question.getAttribute("data-problem-value")) { problem = true; }
        });
        var level = satisfaction ? satisfaction.value : "";
        return problem || level === "Dissatisfied" || level === "VeryDissatisfied";
    }
    function showBranch() {
        if (!branch) { return; }
        var on = complains();
        var box = branch.querySelector(".complaint-branch");
        box.classList.toggle("border", on);
        box.classList.toggle("border-warning", on);
        box.classList.toggle("bg-warning-subtle", on);
        branch.querySelector(".complaint-branch-title").hidden = !on;
    }
    document.querySelectorAll("[data-question] input[type=radio]").forEach(function (r) { r.addEventListener("change", showBranch); });
    if (satisfaction) { satisfaction.addEventListener("change", showBranch); }
    showBranch();
})();
