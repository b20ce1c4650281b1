// Presents the token once; the console answers with an HttpOnly session cookie and the page moves on.
document.getElementById('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('sign-in-error');
  error.hidden = true;
  let token = document.getElementById('token').value.trim();
  if (!token.startsWith('Bearer ')) token = 'Bearer ' + token;
  const response = await fetch('/api/v1/console/session', {method: 'POST', headers: {Authorization: token}});
  if (response.status === 204) {
    window.location.assign('/console');
    return;
  }
  error.textContent = response.status === 403
      ? 'This token is valid but not an operator\'s: the console is for operators only.'
      : 'This token was refused (expired, or not signed by the platform\'s identity provider).';
  error.hidden = false;
});
