{#- Every plan's row of the index (directory.index_data) for plan-index.js; links relative to the home page. -#}
window.pairingPlanIndex = {{ data }};
