// The answers both pages give, so that the widget receives identical payloads from the element and the baseline.
window.benchAnswers = {
  callLog: () => 'ok',
  callMatch(sessionIds) {
    const answer = {};
    for (const id of sessionIds) answer[id] = [{ id: `crm-${id}`, name: 'Bench contact' }];
    return answer;
  },
};
